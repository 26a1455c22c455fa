"""A FIFO queue with a fixed capacity."""

from collections import deque
from typing import Any


class QueueFull(Exception):
    pass


class QueueEmpty(Exception):
    pass


class BoundedQueue:
    """FIFO queue holding at most `capacity` items (capacity >= 1, else ValueError).

    overflow="error" (default): put() on a full queue raises QueueFull and keeps the queue unchanged.
    overflow="drop_oldest": put() on a full queue discards the oldest item and returns it.
    overflow="drop_newest": put() on a full queue ignores the new item and returns it.
    put() returns None when nothing was dropped. Any other overflow value raises ValueError.

    get() removes and returns the oldest item; peek() returns it without removing; both raise QueueEmpty when
    empty. len() is the number of items, bool() is False when empty, full() tells whether len == capacity.
    drain() removes and returns all items, oldest first.
    """

    def __init__(self, capacity: int, overflow: str = "error") -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        if overflow not in ("error", "drop_oldest", "drop_newest"):
            raise ValueError(f"unknown overflow policy {overflow!r}")
        self.capacity = capacity
        self.overflow = overflow
        self._items: deque[Any] = deque()

    def put(self, item: Any) -> Any:
        if len(self._items) >= self.capacity:
            if self.overflow == "error":
                raise QueueFull(f"queue is full ({self.capacity})")
            if self.overflow == "drop_newest":
                return item
            dropped = self._items.popleft()
            self._items.append(item)
            return dropped
        self._items.append(item)
        return None

    def get(self) -> Any:
        if not self._items:
            raise QueueEmpty("queue is empty")
        return self._items.popleft()

    def peek(self) -> Any:
        if not self._items:
            raise QueueEmpty("queue is empty")
        return self._items[0]

    def full(self) -> bool:
        return len(self._items) == self.capacity

    def drain(self) -> list[Any]:
        items = list(self._items)
        self._items.clear()
        return items

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)
