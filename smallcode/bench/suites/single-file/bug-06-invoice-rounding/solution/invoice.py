"""Invoice arithmetic."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_total(quantity: int, unit_price: str) -> Decimal:
    return _cents(quantity * Decimal(unit_price))


def build_invoice(lines: list[tuple[str, int, str]], vat_rate: str = "0.20") -> dict:
    rate = Decimal(vat_rate)
    out_lines = []
    net = Decimal("0")
    vat = Decimal("0")
    for description, quantity, unit_price in lines:
        amount = line_total(quantity, unit_price)
        net += amount
        vat += _cents(amount * rate)
        out_lines.append({"description": description, "amount": f"{amount:.2f}"})
    return {
        "lines": out_lines,
        "net": f"{net:.2f}",
        "vat": f"{vat:.2f}",
        "gross": f"{net + vat:.2f}",
    }
