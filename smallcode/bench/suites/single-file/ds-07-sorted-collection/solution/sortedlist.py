"""A list that keeps its values sorted."""

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator
from typing import Any


class SortedList:
    def __init__(self, iterable: Iterable[Any] = ()) -> None:
        self._items = sorted(iterable)

    def add(self, value: Any) -> None:
        insort(self._items, value)

    def remove(self, value: Any) -> None:
        i = bisect_left(self._items, value)
        if i == len(self._items) or self._items[i] != value:
            raise ValueError(f"{value!r} not in list")
        del self._items[i]

    def discard(self, value: Any) -> None:
        try:
            self.remove(value)
        except ValueError:
            pass

    def index(self, value: Any) -> int:
        i = bisect_left(self._items, value)
        if i == len(self._items) or self._items[i] != value:
            raise ValueError(f"{value!r} not in list")
        return i

    def rank(self, value: Any) -> int:
        return bisect_left(self._items, value)

    def count_range(self, lo: Any, hi: Any) -> int:
        return max(0, bisect_left(self._items, hi) - bisect_left(self._items, lo))

    def irange(self, lo: Any = None, hi: Any = None, inclusive: tuple[bool, bool] = (True, True)) -> Iterator[Any]:
        start = 0
        if lo is not None:
            start = bisect_left(self._items, lo) if inclusive[0] else bisect_right(self._items, lo)
        stop = len(self._items)
        if hi is not None:
            stop = bisect_right(self._items, hi) if inclusive[1] else bisect_left(self._items, hi)
        return iter(self._items[start:stop])

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, value: object) -> bool:
        i = bisect_left(self._items, value)
        return i < len(self._items) and self._items[i] == value

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return list(self._items[index])
        return self._items[index]

    def __repr__(self) -> str:
        return f"SortedList({self._items!r})"
