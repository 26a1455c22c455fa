from shop.money import format_money


def invoice_lines(items: list[tuple[str, int]]) -> list[str]:
    lines = [f"{name}: {format_money(price)}" for name, price in items]
    lines.append(f"Total: {format_money(sum(price for _, price in items))}")
    return lines
