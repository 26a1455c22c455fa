def parse_date(text: str) -> tuple[int, int, int]:
    """'2024-03-15' -> (2024, 2, 15): months count from 0."""
    year, month, day = (int(part) for part in text.split("-"))
    return year, month - 1, day
