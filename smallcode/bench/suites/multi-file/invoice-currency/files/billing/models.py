from dataclasses import dataclass, field


@dataclass
class Line:
    description: str
    cents: int


@dataclass
class Invoice:
    number: str
    currency: str = "USD"
    lines: list[Line] = field(default_factory=list)

    def total(self) -> int:
        return sum(line.cents for line in self.lines)
