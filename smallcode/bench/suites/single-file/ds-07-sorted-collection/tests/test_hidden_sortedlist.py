import random

import pytest

from sortedlist import SortedList


def test_add_remove_iter() -> None:
    s = SortedList([5, 1, 4])
    s.add(3)
    s.add(3)
    assert list(s) == [1, 3, 3, 4, 5]
    s.remove(3)
    assert list(s) == [1, 3, 4, 5]
    with pytest.raises(ValueError):
        s.remove(42)
    s.discard(42)
    s.discard(1)
    assert list(s) == [3, 4, 5] and len(s) == 3
    assert 4 in s and 2 not in s


def test_indexing() -> None:
    s = SortedList([10, 30, 20, 20])
    assert s[0] == 10 and s[-1] == 30 and s[2] == 20
    assert s[1:3] == [20, 20] and isinstance(s[1:3], list)
    assert s.index(20) == 1
    with pytest.raises(ValueError):
        s.index(25)
    with pytest.raises(IndexError):
        s[10]


def test_rank_and_count_range() -> None:
    s = SortedList([1, 2, 2, 3, 5, 8])
    assert s.rank(2) == 1 and s.rank(4) == 4 and s.rank(0) == 0 and s.rank(100) == 6
    assert s.count_range(2, 5) == 3
    assert s.count_range(0, 100) == 6
    assert s.count_range(6, 8) == 0
    assert s.count_range(5, 2) == 0


def test_irange() -> None:
    s = SortedList([1, 2, 2, 3, 5, 8])
    assert list(s.irange(2, 5)) == [2, 2, 3, 5]
    assert list(s.irange(2, 5, inclusive=(False, False))) == [3]
    assert list(s.irange(2, 5, inclusive=(True, False))) == [2, 2, 3]
    assert list(s.irange(hi=2)) == [1, 2, 2]
    assert list(s.irange(lo=4)) == [5, 8]
    assert list(s.irange()) == [1, 2, 2, 3, 5, 8]


def test_randomised_against_sorted() -> None:
    rng = random.Random(3)
    s = SortedList()
    shadow: list[int] = []
    for _ in range(2000):
        v = rng.randint(0, 50)
        if rng.random() < 0.6:
            s.add(v)
            shadow.append(v)
        elif v in shadow:
            s.remove(v)
            shadow.remove(v)
    shadow.sort()
    assert list(s) == shadow
    for lo in range(0, 52, 7):
        assert s.count_range(lo, lo + 10) == sum(1 for x in shadow if lo <= x < lo + 10)


def test_strings() -> None:
    s = SortedList(["pear", "apple", "fig"])
    assert list(s) == ["apple", "fig", "pear"]
    assert list(s.irange("b", "g")) == ["fig"]
