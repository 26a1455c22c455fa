"""Binary search helpers."""

from collections.abc import Callable, Sequence
from typing import Any


def first_true(lo: int, hi: int, predicate: Callable[[int], bool]) -> int:
    while lo < hi:
        mid = (lo + hi) // 2
        if predicate(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _value(items: Sequence[Any], key: Callable[[Any], Any] | None, i: int) -> Any:
    return items[i] if key is None else key(items[i])


def lower_bound(items: Sequence[Any], target: Any, key: Callable[[Any], Any] | None = None) -> int:
    return first_true(0, len(items), lambda i: _value(items, key, i) >= target)


def upper_bound(items: Sequence[Any], target: Any, key: Callable[[Any], Any] | None = None) -> int:
    return first_true(0, len(items), lambda i: _value(items, key, i) > target)


def find_range(items: Sequence[Any], target: Any, key: Callable[[Any], Any] | None = None) -> tuple[int, int]:
    first = lower_bound(items, target, key)
    if first == len(items) or _value(items, key, first) != target:
        return (-1, -1)
    return (first, upper_bound(items, target, key) - 1)
