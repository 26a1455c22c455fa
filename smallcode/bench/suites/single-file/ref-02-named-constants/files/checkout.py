"""Checkout arithmetic (amounts in euros)."""


def shipping(subtotal: float) -> float:
    return 0.0 if subtotal >= 50 else 4.99


def with_vat(amount: float) -> float:
    return round(amount * (1 + 0.21), 2)


def loyalty_price(subtotal: float, is_member: bool) -> float:
    return round(subtotal * (1 - 0.05), 2) if is_member else subtotal


def order_total(subtotal: float, is_member: bool = False) -> float:
    discounted = loyalty_price(subtotal, is_member)
    fee = 0.0 if discounted >= 50 else 4.99
    return round((discounted + fee) * (1 + 0.21), 2)


def points_earned(total: float) -> int:
    return int(total * 10)


def summary(subtotal: float, is_member: bool = False) -> str:
    total = order_total(subtotal, is_member)
    free = "yes" if loyalty_price(subtotal, is_member) >= 50 else "no"
    return f"total={total:.2f} free_shipping={free} vat_rate={0.21:.0%} points={int(total * 10)}"
