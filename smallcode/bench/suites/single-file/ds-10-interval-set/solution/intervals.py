"""A set of disjoint half-open integer intervals."""

from bisect import bisect_left, bisect_right
from collections.abc import Iterator


def _check(start: int, end: int) -> None:
    if start >= end:
        raise ValueError(f"empty interval [{start}, {end})")


class IntervalSet:
    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        _check(start, end)
        lo = bisect_left(self._ends, start)
        hi = bisect_right(self._starts, end)
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]

    def remove(self, start: int, end: int) -> None:
        _check(start, end)
        lo = bisect_right(self._ends, start)
        hi = bisect_left(self._starts, end)
        if lo >= hi:
            return
        new_starts, new_ends = [], []
        if self._starts[lo] < start:
            new_starts.append(self._starts[lo])
            new_ends.append(start)
        if self._ends[hi - 1] > end:
            new_starts.append(end)
            new_ends.append(self._ends[hi - 1])
        self._starts[lo:hi] = new_starts
        self._ends[lo:hi] = new_ends

    def contains(self, x: int) -> bool:
        i = bisect_right(self._starts, x) - 1
        return i >= 0 and x < self._ends[i]

    def overlaps(self, start: int, end: int) -> bool:
        _check(start, end)
        i = bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end

    def gaps(self, start: int, end: int) -> list[tuple[int, int]]:
        _check(start, end)
        out = []
        cursor = start
        for s, e in self:
            if e <= cursor:
                continue
            if s >= end:
                break
            if s > cursor:
                out.append((cursor, s))
            cursor = max(cursor, e)
        if cursor < end:
            out.append((cursor, end))
        return out

    def total(self) -> int:
        return sum(e - s for s, e in self)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(list(zip(self._starts, self._ends)))

    def __len__(self) -> int:
        return len(self._starts)
