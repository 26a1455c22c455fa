import datetime

from agenda.billing import due_date
from agenda.calendar import format_long
from agenda.dates import parse_date


def test_parse() -> None:
    assert parse_date("2024-03-15") == datetime.date(2024, 3, 15)


def test_calendar() -> None:
    assert format_long("2024-03-15") == "15 March 2024"
    assert format_long("2023-12-01") == "1 December 2023"


def test_due_date() -> None:
    assert due_date("2024-03-15") == datetime.date(2024, 4, 14)
    assert due_date("2024-01-31", days=1) == datetime.date(2024, 2, 1)
