from datetime import datetime

import pytest

from timesheet import overtime_minutes, shift_minutes, weekly_summary


def dt(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, second)


def test_long_shift() -> None:
    assert shift_minutes(dt(1, 20), dt(2, 22)) == 26 * 60
    assert overtime_minutes(dt(1, 20), dt(2, 22)) == 18 * 60


def test_shift_ending_at_midnight() -> None:
    assert shift_minutes(dt(1, 14), dt(2, 0)) == 600
    assert overtime_minutes(dt(1, 14), dt(2, 0)) == 120


def test_normal_and_rounding() -> None:
    assert shift_minutes(dt(4, 9), dt(4, 17, 30)) == 510
    assert shift_minutes(dt(4, 9), dt(4, 9, 0, 40)) == 1
    assert shift_minutes(dt(4, 9), dt(5, 9, 0, 20)) == 24 * 60
    assert overtime_minutes(dt(4, 9), dt(4, 16)) == 0


def test_weekly_summary() -> None:
    shifts = [(dt(4, 9), dt(4, 17)), (dt(5, 22), dt(6, 8)), (dt(8, 20), dt(9, 22))]
    assert weekly_summary(shifts) == {"total_minutes": 480 + 600 + 1560, "overtime_minutes": 0 + 120 + 1080,
                                      "regular_minutes": 480 + 480 + 480}


def test_negative_rejected() -> None:
    with pytest.raises(ValueError):
        shift_minutes(dt(2, 10), dt(1, 10))
