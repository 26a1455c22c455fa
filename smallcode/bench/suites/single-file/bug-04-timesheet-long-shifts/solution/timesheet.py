"""Shift durations and overtime for payroll."""

from datetime import datetime

REGULAR_MINUTES = 8 * 60


def shift_minutes(start: datetime, end: datetime) -> int:
    if end < start:
        raise ValueError("shift ends before it starts")
    delta = end - start
    return round(delta.total_seconds() / 60)


def overtime_minutes(start: datetime, end: datetime) -> int:
    return max(0, shift_minutes(start, end) - REGULAR_MINUTES)


def weekly_summary(shifts: list[tuple[datetime, datetime]]) -> dict[str, int]:
    total = sum(shift_minutes(s, e) for s, e in shifts)
    overtime = sum(overtime_minutes(s, e) for s, e in shifts)
    return {"total_minutes": total, "overtime_minutes": overtime, "regular_minutes": total - overtime}
