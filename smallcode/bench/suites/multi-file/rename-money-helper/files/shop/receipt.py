from shop import money


def receipt(total_cents: int, paid_cents: int) -> str:
    change = paid_cents - total_cents
    return f"Paid {money.fmt_money(paid_cents)}, change {money.fmt_money(change)}"
