from decimal import Decimal

CENT = Decimal("0.01")


def parse_price(text: str) -> Decimal:
    """'$1.20' or '1.2' -> Decimal('1.20')"""
    return Decimal(text.strip().lstrip("$")).quantize(CENT)
