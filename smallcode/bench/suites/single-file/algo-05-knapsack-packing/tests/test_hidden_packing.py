import itertools
import random
import time

import pytest

from packing import best_pack, min_items_to_reach

GEAR = [("tent", 12, 90), ("stove", 4, 40), ("camera", 3, 30), ("book", 2, 5), ("snacks", 3, 45),
        ("chair", 6, 20), ("water", 5, 70)]


def brute(items, capacity):  # type: ignore[no-untyped-def]
    best = (0, 0)
    for r in range(len(items) + 1):
        for combo in itertools.combinations(items, r):
            w = sum(i[1] for i in combo)
            if w <= capacity:
                best = max(best, (sum(i[2] for i in combo), -w))
    return best


def check(items, capacity):  # type: ignore[no-untyped-def]
    value, names = best_pack(items, capacity)
    chosen = [i for i in items if i[0] in names]
    assert [i[0] for i in chosen] == names, "names in input order"
    assert sum(i[1] for i in chosen) <= capacity
    assert sum(i[2] for i in chosen) == value
    expected_value, expected_negw = brute(items, capacity)
    assert value == expected_value
    assert -sum(i[1] for i in chosen) == expected_negw, "prefer the lighter pack on ties"


def test_gear() -> None:
    assert best_pack(GEAR, 15) == (185, ["stove", "camera", "snacks", "water"])
    for cap in range(0, 36, 3):
        check(GEAR, cap)


def test_tie_prefers_lighter() -> None:
    items = [("heavy", 5, 10), ("light_a", 2, 5), ("light_b", 2, 5)]
    assert best_pack(items, 5) == (10, ["light_a", "light_b"])


def test_random_small() -> None:
    rng = random.Random(4)
    for _ in range(40):
        items = [(f"i{k}", rng.randint(0, 9), rng.randint(0, 20)) for k in range(rng.randint(0, 9))]
        check(items, rng.randint(0, 25))


def test_edge_cases() -> None:
    assert best_pack([], 10) == (0, [])
    assert best_pack([("feather", 0, 3)], 0) == (3, ["feather"])
    with pytest.raises(ValueError):
        best_pack(GEAR, -1)


def test_speed() -> None:
    rng = random.Random(8)
    items = [(f"i{k}", rng.randint(1, 500), rng.randint(1, 1000)) for k in range(100)]
    start = time.perf_counter()
    value, names = best_pack(items, 10_000)
    assert time.perf_counter() - start < 20
    assert sum(i[1] for i in items if i[0] in names) <= 10_000
    assert value == sum(i[2] for i in items if i[0] in names)


def test_min_items() -> None:
    assert min_items_to_reach([5, 3, 4, 7, 1], 8) == 2
    assert min_items_to_reach([2, 4, 6], 5) == -1
    assert min_items_to_reach([1, 1, 1], 3) == 3
    assert min_items_to_reach([1, 1, 1], 4) == -1
    assert min_items_to_reach([], 0) == 0
    assert min_items_to_reach([10], 0) == 0
    with pytest.raises(ValueError):
        min_items_to_reach([1], -2)
