import ast
import bisect
import random
from pathlib import Path

from search import find_range, first_true, lower_bound, upper_bound


class CountingList(list):
    reads = 0

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        CountingList.reads += 1
        return super().__getitem__(index)


def test_against_bisect() -> None:
    rng = random.Random(5)
    for _ in range(200):
        items = sorted(rng.randint(0, 30) for _ in range(rng.randint(0, 40)))
        for target in range(-2, 33):
            assert lower_bound(items, target) == bisect.bisect_left(items, target)
            assert upper_bound(items, target) == bisect.bisect_right(items, target)


def test_find_range() -> None:
    items = [1, 2, 2, 2, 5, 7, 7]
    assert find_range(items, 2) == (1, 3)
    assert find_range(items, 7) == (5, 6)
    assert find_range(items, 1) == (0, 0)
    assert find_range(items, 3) == (-1, -1)
    assert find_range([], 3) == (-1, -1)
    assert find_range(items, 99) == (-1, -1)


def test_key() -> None:
    people = [("ann", 20), ("bob", 25), ("cy", 25), ("di", 31)]
    age = lambda p: p[1]  # noqa: E731
    assert lower_bound(people, 25, key=age) == 1
    assert upper_bound(people, 25, key=age) == 3
    assert find_range(people, 25, key=age) == (1, 2)
    assert find_range(people, 26, key=age) == (-1, -1)


def test_first_true() -> None:
    assert first_true(0, 100, lambda x: x * x >= 50) == 8
    assert first_true(0, 10, lambda x: False) == 10
    assert first_true(3, 10, lambda x: True) == 3
    assert first_true(5, 5, lambda x: True) == 5
    calls: list[int] = []
    first_true(0, 1_000_000, lambda x: calls.append(x) or x >= 777_777)
    assert len(calls) <= 25


def test_logarithmic_reads() -> None:
    items = CountingList(range(0, 200_000, 2))
    CountingList.reads = 0
    assert lower_bound(items, 123_457) == 61_729
    assert find_range(items, 1000) == (500, 500)
    assert CountingList.reads < 120


def test_no_bisect_module() -> None:
    tree = ast.parse(Path("search.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert all(a.name != "bisect" for a in node.names)
        if isinstance(node, ast.ImportFrom):
            assert node.module != "bisect"
