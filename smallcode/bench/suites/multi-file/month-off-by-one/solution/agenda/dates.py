import datetime


def parse_date(text: str) -> datetime.date:
    """'2024-03-15' -> datetime.date(2024, 3, 15)."""
    year, month, day = (int(part) for part in text.split("-"))
    return datetime.date(year, month, day)
