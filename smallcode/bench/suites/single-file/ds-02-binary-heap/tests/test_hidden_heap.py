import ast
import random
from pathlib import Path

import pytest

from heap import MinHeap


def test_no_heapq() -> None:
    tree = ast.parse(Path("heap.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert all(alias.name != "heapq" for alias in node.names)
        if isinstance(node, ast.ImportFrom):
            assert node.module != "heapq"


def test_push_pop_order() -> None:
    rng = random.Random(7)
    values = [rng.randint(-100, 100) for _ in range(500)]
    heap = MinHeap()
    for v in values:
        heap.push(v)
    assert len(heap) == 500
    assert heap.peek() == min(values)
    assert [heap.pop() for _ in range(500)] == sorted(values)
    assert not heap


def test_heapify_and_drain() -> None:
    values = [5, 3, 9, 1, 1, 8, 2]
    heap = MinHeap(values)
    assert values == [5, 3, 9, 1, 1, 8, 2]
    assert heap.drain() == sorted(values)
    assert len(heap) == 0


def test_key_and_stability() -> None:
    tasks = [("write", 2), ("test", 1), ("deploy", 3), ("lint", 1), ("review", 2)]
    heap = MinHeap(tasks, key=lambda t: t[1])
    assert [name for name, _ in heap.drain()] == ["test", "lint", "write", "review", "deploy"]
    heap = MinHeap(key=len)
    for word in ["ccc", "a", "bb", "d", "ee"]:
        heap.push(word)
    assert heap.drain() == ["a", "d", "bb", "ee", "ccc"]


def test_pushpop() -> None:
    heap = MinHeap([4, 6, 8])
    assert heap.pushpop(1) == 1
    assert heap.pushpop(5) == 4
    assert heap.drain() == [5, 6, 8]
    assert MinHeap().pushpop(3) == 3


def test_empty_errors() -> None:
    heap = MinHeap()
    with pytest.raises(IndexError):
        heap.pop()
    with pytest.raises(IndexError):
        heap.peek()
    assert bool(heap) is False
