import sys

from .models import Order
from .pricing import apply_discount


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    order = Order(customer=args[0])
    for price in args[1:]:
        order.add(float(price))
    print(apply_discount(order, 10.0))
    return 0
