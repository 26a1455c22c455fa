"""Parse and format compact durations such as "1h 30m"."""

import re

UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"\s*(\d+)([a-zA-Z])\s*")


def parse_duration(text: str) -> int:
    if not text.strip():
        raise ValueError("empty duration")
    total = 0
    seen: set[str] = set()
    pos = 0
    while pos < len(text):
        match = _PART.match(text, pos)
        if match is None:
            raise ValueError(f"cannot parse duration {text!r}")
        unit = match.group(2).lower()
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}")
        if unit in seen:
            raise ValueError(f"unit {unit!r} used twice")
        seen.add(unit)
        total += int(match.group(1)) * UNITS[unit]
        pos = match.end()
    return total


def format_duration(seconds: int) -> str:
    if seconds < 0:
        raise ValueError("negative duration")
    if seconds == 0:
        return "0s"
    parts = []
    for unit, size in UNITS.items():
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return " ".join(parts)
