import datetime

from agenda.dates import parse_date


def due_date(issued: str, days: int = 30) -> datetime.date:
    year, month, day = parse_date(issued)
    return datetime.date(year, max(month, 1), day) + datetime.timedelta(days=days)
