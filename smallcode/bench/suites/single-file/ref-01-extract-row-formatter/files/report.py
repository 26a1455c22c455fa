"""Plain-text reports for the shop back office."""


def invoice_lines(lines: list[tuple[str, int, float]]) -> list[str]:
    out = []
    for name, qty, price in lines:
        label = name if len(name) <= 24 else name[:23] + "…"
        out.append(f"{label:<24} {qty:>5} {qty * price:>10.2f}")
    return out


def invoice_total(lines: list[tuple[str, int, float]]) -> str:
    total = sum(qty * price for _, qty, price in lines)
    label = "TOTAL"
    return f"{label:<24} {'':>5} {total:>10.2f}"


def stock_report(stock: dict[str, tuple[int, float]]) -> str:
    rows = []
    for name in sorted(stock):
        qty, unit_value = stock[name]
        label = name if len(name) <= 24 else name[:23] + "…"
        rows.append(f"{label:<24} {qty:>5} {qty * unit_value:>10.2f}")
    return "\n".join(rows)
