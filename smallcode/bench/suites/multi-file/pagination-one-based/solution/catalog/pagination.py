from typing import TypeVar

T = TypeVar("T")


def page(items: list[T], number: int, size: int) -> list[T]:
    """The items of page ``number`` (1-based) when ``items`` are split into pages of ``size``."""
    start = (number - 1) * size
    return items[start : start + size]


def page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))
