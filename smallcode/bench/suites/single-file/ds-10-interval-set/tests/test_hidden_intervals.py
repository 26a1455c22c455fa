import random

import pytest

from intervals import IntervalSet


def make(*pairs: tuple[int, int]) -> IntervalSet:
    s = IntervalSet()
    for a, b in pairs:
        s.add(a, b)
    return s


def test_add_merges_overlapping_and_touching() -> None:
    s = make((10, 20), (1, 3), (3, 5), (30, 40))
    assert list(s) == [(1, 5), (10, 20), (30, 40)]
    s.add(4, 12)
    assert list(s) == [(1, 20), (30, 40)]
    s.add(0, 100)
    assert list(s) == [(0, 100)] and len(s) == 1
    s.add(100, 101)
    assert list(s) == [(0, 101)]


def test_remove_splits() -> None:
    s = make((0, 10), (20, 30))
    s.remove(3, 5)
    assert list(s) == [(0, 3), (5, 10), (20, 30)]
    s.remove(8, 25)
    assert list(s) == [(0, 3), (5, 8), (25, 30)]
    s.remove(40, 50)
    s.remove(3, 5)
    assert list(s) == [(0, 3), (5, 8), (25, 30)]
    s.remove(-5, 100)
    assert list(s) == []


def test_contains_and_overlaps() -> None:
    s = make((1, 5), (10, 20))
    assert s.contains(1) and s.contains(4) and not s.contains(5) and not s.contains(0)
    assert s.contains(10) and not s.contains(20)
    assert s.overlaps(4, 6) and not s.overlaps(5, 10) and s.overlaps(0, 100)
    assert not s.overlaps(20, 25)


def test_gaps_and_total() -> None:
    s = make((1, 5), (10, 20), (30, 40))
    assert s.gaps(0, 35) == [(0, 1), (5, 10), (20, 30)]
    assert s.gaps(2, 4) == []
    assert s.gaps(40, 45) == [(40, 45)]
    assert s.total() == 24
    assert IntervalSet().gaps(0, 3) == [(0, 3)]


def test_invalid() -> None:
    s = IntervalSet()
    for fn in (s.add, s.remove, s.overlaps, s.gaps):
        with pytest.raises(ValueError):
            fn(5, 5)
        with pytest.raises(ValueError):
            fn(6, 5)


def test_random_against_a_set() -> None:
    rng = random.Random(11)
    s = IntervalSet()
    covered: set[int] = set()
    for _ in range(300):
        a = rng.randint(0, 200)
        b = a + rng.randint(1, 15)
        if rng.random() < 0.65:
            s.add(a, b)
            covered |= set(range(a, b))
        else:
            s.remove(a, b)
            covered -= set(range(a, b))
    assert {x for x in range(-5, 230) if s.contains(x)} == covered
    assert s.total() == len(covered)
    pairs = list(s)
    for (s1, e1), (s2, e2) in zip(pairs, pairs[1:]):
        assert e1 < s2, "intervals must be disjoint and non-adjacent"
