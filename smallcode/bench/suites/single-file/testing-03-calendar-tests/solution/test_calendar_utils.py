from datetime import date

import pytest

from calendar_utils import add_months, day_of_year, days_in_month, is_leap_year


@pytest.mark.parametrize(("year", "leap"), [(2024, True), (2023, False), (1900, False), (2000, True), (2100, False),
                                            (2400, True), (1996, True)])
def test_leap_years(year: int, leap: bool) -> None:
    assert is_leap_year(year) is leap


def test_days_in_month() -> None:
    assert [days_in_month(2023, m) for m in range(1, 13)] == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    assert days_in_month(2024, 2) == 29
    assert days_in_month(1900, 2) == 28
    for bad in (0, 13):
        with pytest.raises(ValueError):
            days_in_month(2024, bad)


def test_day_of_year_matches_datetime() -> None:
    for year in (2023, 2024):
        for month, day in [(1, 1), (2, 28), (3, 1), (7, 4), (12, 31)]:
            assert day_of_year(year, month, day) == date(year, month, day).timetuple().tm_yday
    assert day_of_year(2024, 12, 31) == 366


def test_day_of_year_invalid() -> None:
    for args in [(2023, 2, 29), (2024, 4, 31), (2024, 1, 0)]:
        with pytest.raises(ValueError):
            day_of_year(*args)


def test_add_months_clamps() -> None:
    assert add_months(2024, 1, 31, 1) == (2024, 2, 29)
    assert add_months(2023, 1, 31, 1) == (2023, 2, 28)
    assert add_months(2024, 5, 31, 1) == (2024, 6, 30)
    assert add_months(2024, 1, 15, 0) == (2024, 1, 15)


def test_add_months_across_years_and_backwards() -> None:
    assert add_months(2024, 3, 15, -3) == (2023, 12, 15)
    assert add_months(2023, 11, 30, 3) == (2024, 2, 29)
    assert add_months(2024, 1, 10, -13) == (2022, 12, 10)
    assert add_months(2024, 12, 1, 1) == (2025, 1, 1)
