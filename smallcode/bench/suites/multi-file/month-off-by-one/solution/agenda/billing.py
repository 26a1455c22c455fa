import datetime

from agenda.dates import parse_date


def due_date(issued: str, days: int = 30) -> datetime.date:
    return parse_date(issued) + datetime.timedelta(days=days)
