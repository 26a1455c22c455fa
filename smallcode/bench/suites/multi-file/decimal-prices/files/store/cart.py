from store.prices import parse_price


class Cart:
    def __init__(self) -> None:
        self.lines: list[tuple[str, str, int]] = []

    def add(self, name: str, price: str, quantity: int = 1) -> None:
        self.lines.append((name, price, quantity))

    def total(self) -> float:
        return sum(parse_price(price) * quantity for _, price, quantity in self.lines)
