"""A stable binary min-heap."""

from collections.abc import Callable, Iterable
from itertools import count
from typing import Any


class MinHeap:
    def __init__(self, items: Iterable[Any] = (), key: Callable[[Any], Any] | None = None) -> None:
        self._key = key if key is not None else (lambda item: item)
        self._counter = count()
        self._data: list[tuple[Any, int, Any]] = [self._entry(item) for item in items]
        for index in reversed(range(len(self._data) // 2)):
            self._sift_down(index)

    def _entry(self, item: Any) -> tuple[Any, int, Any]:
        return (self._key(item), next(self._counter), item)

    @staticmethod
    def _less(a: tuple[Any, int, Any], b: tuple[Any, int, Any]) -> bool:
        return (a[0], a[1]) < (b[0], b[1])

    def _sift_up(self, index: int) -> None:
        data = self._data
        while index > 0:
            parent = (index - 1) // 2
            if not self._less(data[index], data[parent]):
                break
            data[index], data[parent] = data[parent], data[index]
            index = parent

    def _sift_down(self, index: int) -> None:
        data = self._data
        size = len(data)
        while True:
            smallest = index
            for child in (2 * index + 1, 2 * index + 2):
                if child < size and self._less(data[child], data[smallest]):
                    smallest = child
            if smallest == index:
                return
            data[index], data[smallest] = data[smallest], data[index]
            index = smallest

    def push(self, item: Any) -> None:
        self._data.append(self._entry(item))
        self._sift_up(len(self._data) - 1)

    def peek(self) -> Any:
        if not self._data:
            raise IndexError("peek from an empty heap")
        return self._data[0][2]

    def pop(self) -> Any:
        if not self._data:
            raise IndexError("pop from an empty heap")
        last = self._data.pop()
        if not self._data:
            return last[2]
        top = self._data[0]
        self._data[0] = last
        self._sift_down(0)
        return top[2]

    def pushpop(self, item: Any) -> Any:
        entry = self._entry(item)
        if not self._data or not self._less(self._data[0], entry):
            return item
        top = self._data[0]
        self._data[0] = entry
        self._sift_down(0)
        return top[2]

    def drain(self) -> list[Any]:
        return [self.pop() for _ in range(len(self._data))]

    def __len__(self) -> int:
        return len(self._data)

    def __bool__(self) -> bool:
        return bool(self._data)
