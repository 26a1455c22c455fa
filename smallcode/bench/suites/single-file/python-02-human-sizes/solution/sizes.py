"""Human-readable byte sizes."""

import re

_DECIMAL = ["B", "kB", "MB", "GB", "TB"]
_BINARY = ["B", "KiB", "MiB", "GiB", "TiB"]
_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$")


def format_size(num_bytes: int, binary: bool = False) -> str:
    if num_bytes < 0:
        raise ValueError("negative size")
    base = 1024 if binary else 1000
    units = _BINARY if binary else _DECIMAL
    if num_bytes < base:
        return f"{num_bytes} B"
    value = float(num_bytes)
    index = 0
    while value >= base and index < len(units) - 1:
        value /= base
        index += 1
    return f"{value:.1f} {units[index]}"


def parse_size(text: str) -> int:
    match = _PATTERN.match(text)
    if match is None:
        raise ValueError(f"cannot parse size {text!r}")
    number = float(match.group(1))
    unit = match.group(2)
    if unit == "" or unit.lower() == "b":
        factor = 1
    elif unit.lower() in [u.lower() for u in _BINARY[1:]]:
        factor = 1024 ** ([u.lower() for u in _BINARY].index(unit.lower()))
    elif unit.lower() in [u.lower() for u in _DECIMAL[1:]]:
        factor = 1000 ** ([u.lower() for u in _DECIMAL].index(unit.lower()))
    else:
        raise ValueError(f"unknown unit {unit!r}")
    return int(number * factor)
