from shop.money import fmt_money


def invoice_lines(items: list[tuple[str, int]]) -> list[str]:
    lines = [f"{name}: {fmt_money(price)}" for name, price in items]
    lines.append(f"Total: {fmt_money(sum(price for _, price in items))}")
    return lines
