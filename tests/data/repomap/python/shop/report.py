from .models import Order, order_total


def summary(orders: list[Order]) -> str:
    total = sum(order_total(order) for order in orders)
    return f"{len(orders)} orders, {total:.2f} in total"
