"""Gregorian calendar helpers (no datetime)."""

_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def is_leap_year(year: int) -> bool:
    """Divisible by 4, except centuries, except centuries divisible by 400 (2000 is leap, 1900 is not)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Number of days in the month (1-12); February has 29 in leap years. Other months raise ValueError."""
    if not 1 <= month <= 12:
        raise ValueError(f"invalid month {month}")
    if month == 2 and is_leap_year(year):
        return 29
    return _DAYS[month - 1]


def day_of_year(year: int, month: int, day: int) -> int:
    """1 for January 1st, 365 (or 366 in leap years) for December 31st. Invalid dates raise ValueError."""
    if not 1 <= day <= days_in_month(year, month):
        raise ValueError(f"invalid day {day}")
    return sum(days_in_month(year, m) for m in range(1, month)) + day


def add_months(year: int, month: int, day: int, months: int) -> tuple[int, int, int]:
    """Move by `months` (may be negative), clamping the day to the end of the target month:
    (2024, 1, 31) + 1 month -> (2024, 2, 29); (2023, 1, 31) + 1 -> (2023, 2, 28); (2024, 3, 15) - 3 -> (2023, 12, 15)."""
    index = year * 12 + (month - 1) + months
    new_year, new_month = divmod(index, 12)
    new_month += 1
    return new_year, new_month, min(day, days_in_month(new_year, new_month))
