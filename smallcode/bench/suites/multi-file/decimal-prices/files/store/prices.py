def parse_price(text: str) -> float:
    """'$1.20' or '1.2' -> 1.2"""
    return round(float(text.strip().lstrip("$")), 2)
