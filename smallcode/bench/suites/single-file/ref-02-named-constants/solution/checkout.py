"""Checkout arithmetic (amounts in euros)."""

VAT_RATE = 0.21
FREE_SHIPPING_THRESHOLD = 50
SHIPPING_FEE = 4.99
LOYALTY_DISCOUNT = 0.05
POINTS_PER_EURO = 10


def shipping(subtotal: float) -> float:
    return 0.0 if subtotal >= FREE_SHIPPING_THRESHOLD else SHIPPING_FEE


def with_vat(amount: float) -> float:
    return round(amount * (1 + VAT_RATE), 2)


def loyalty_price(subtotal: float, is_member: bool) -> float:
    return round(subtotal * (1 - LOYALTY_DISCOUNT), 2) if is_member else subtotal


def order_total(subtotal: float, is_member: bool = False) -> float:
    discounted = loyalty_price(subtotal, is_member)
    return with_vat(discounted + shipping(discounted))


def points_earned(total: float) -> int:
    return int(total * POINTS_PER_EURO)


def summary(subtotal: float, is_member: bool = False) -> str:
    total = order_total(subtotal, is_member)
    free = "yes" if loyalty_price(subtotal, is_member) >= FREE_SHIPPING_THRESHOLD else "no"
    return f"total={total:.2f} free_shipping={free} vat_rate={VAT_RATE:.0%} points={points_earned(total)}"
