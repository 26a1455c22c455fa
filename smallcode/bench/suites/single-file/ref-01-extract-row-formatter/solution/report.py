"""Plain-text reports for the shop back office."""


def format_row(label: str, qty: int | None, amount: float) -> str:
    """One report row: a 24-character label (truncated with "…"), a 5-wide quantity, a 10-wide amount."""
    if len(label) > 24:
        label = label[:23] + "…"
    shown_qty = "" if qty is None else qty
    return f"{label:<24} {shown_qty:>5} {amount:>10.2f}"


def invoice_lines(lines: list[tuple[str, int, float]]) -> list[str]:
    return [format_row(name, qty, qty * price) for name, qty, price in lines]


def invoice_total(lines: list[tuple[str, int, float]]) -> str:
    total = sum(qty * price for _, qty, price in lines)
    return format_row("TOTAL", None, total)


def stock_report(stock: dict[str, tuple[int, float]]) -> str:
    rows = []
    for name in sorted(stock):
        qty, unit_value = stock[name]
        rows.append(format_row(name, qty, qty * unit_value))
    return "\n".join(rows)
