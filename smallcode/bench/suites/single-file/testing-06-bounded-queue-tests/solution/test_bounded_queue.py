import pytest

from bounded_queue import BoundedQueue, QueueEmpty, QueueFull


def test_fifo_and_len() -> None:
    q = BoundedQueue(3)
    assert not q and len(q) == 0
    assert q.put("a") is None
    q.put("b")
    assert len(q) == 2 and q
    assert q.peek() == "a"
    assert len(q) == 2
    assert q.get() == "a"
    assert q.get() == "b"
    assert not q


def test_full_and_error_policy() -> None:
    q = BoundedQueue(2)
    q.put(1)
    assert not q.full()
    q.put(2)
    assert q.full()
    with pytest.raises(QueueFull):
        q.put(3)
    assert q.drain() == [1, 2]


def test_drop_oldest() -> None:
    q = BoundedQueue(2, overflow="drop_oldest")
    q.put(1)
    q.put(2)
    assert q.put(3) == 1
    assert q.drain() == [2, 3]


def test_drop_newest() -> None:
    q = BoundedQueue(2, overflow="drop_newest")
    q.put(1)
    q.put(2)
    assert q.put(3) == 3
    assert q.drain() == [1, 2]


def test_empty_errors() -> None:
    q = BoundedQueue(1)
    with pytest.raises(QueueEmpty):
        q.get()
    with pytest.raises(QueueEmpty):
        q.peek()


def test_drain_empties() -> None:
    q = BoundedQueue(3)
    q.put("x")
    q.put("y")
    assert q.drain() == ["x", "y"]
    assert len(q) == 0 and q.drain() == []


def test_invalid_construction() -> None:
    with pytest.raises(ValueError):
        BoundedQueue(0)
    with pytest.raises(ValueError):
        BoundedQueue(2, overflow="block")
    assert BoundedQueue(1).capacity == 1
