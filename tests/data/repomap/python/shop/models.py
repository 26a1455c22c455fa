from dataclasses import dataclass, field


@dataclass
class Order:
    customer: str
    prices: list[float] = field(default_factory=list)

    def add(self, price: float) -> None:
        self.prices.append(price)


def order_total(order: Order) -> float:
    return sum(order.prices)
