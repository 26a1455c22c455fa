import time

import pytest

from lru import LRUCache


def test_basic_eviction_order() -> None:
    evicted: list[tuple[object, object]] = []
    cache = LRUCache(2, on_evict=lambda k, v: evicted.append((k, v)))
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert evicted == [("b", 2)]
    assert cache.keys() == ["a", "c"]
    assert cache.get("b") is None
    assert cache.get("b", "gone") == "gone"


def test_update_refreshes() -> None:
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    cache.put("c", 3)
    assert "b" not in cache
    assert cache.get("a") == 10
    assert len(cache) == 2


def test_contains_does_not_touch() -> None:
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert "a" in cache
    cache.put("c", 3)
    assert "a" not in cache
    assert cache.keys() == ["b", "c"]


def test_hits_and_misses() -> None:
    cache = LRUCache(3)
    cache.put(1, "x")
    cache.get(1)
    cache.get(1)
    cache.get(2)
    assert (cache.hits, cache.misses) == (2, 1)


def test_falsy_values_and_capacity_one() -> None:
    cache = LRUCache(1)
    cache.put("z", 0)
    assert cache.get("z", "dflt") == 0
    cache.put("n", None)
    assert cache.keys() == ["n"]
    assert cache.get("n", "dflt") is None
    with pytest.raises(ValueError):
        LRUCache(0)


def test_constant_time() -> None:
    cache = LRUCache(50_000)
    start = time.perf_counter()
    for i in range(100_000):
        cache.put(i, i)
        cache.get(i // 2)
    assert time.perf_counter() - start < 5
    assert len(cache) == 50_000
