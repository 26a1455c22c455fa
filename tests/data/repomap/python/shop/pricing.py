from .models import Order, order_total

MAX_DISCOUNT = 50.0


def apply_discount(
    order: Order,
    percent: float,
) -> float:
    percent = min(percent, MAX_DISCOUNT)
    return order_total(order) * (1 - percent / 100)
