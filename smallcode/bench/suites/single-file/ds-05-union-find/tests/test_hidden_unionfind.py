import time

from unionfind import DisjointSet, merge_customers


def test_basic_operations() -> None:
    ds = DisjointSet()
    for x in "abcde":
        ds.add(x)
    ds.add("a")
    assert len(ds) == 5 and ds.count == 5
    assert ds.union("a", "b") is True
    assert ds.union("b", "a") is False
    ds.union("c", "d")
    ds.union("d", "b")
    assert ds.connected("a", "c")
    assert not ds.connected("a", "e")
    assert ds.count == 2
    assert sorted(sorted(g) for g in ds.groups()) == [["a", "b", "c", "d"], ["e"]]


def test_find_adds_new_items() -> None:
    ds = DisjointSet()
    assert ds.find(42) == 42
    assert len(ds) == 1 and ds.count == 1
    assert ds.connected(1, 1)
    assert ds.count == 2


def test_long_chain_is_fast() -> None:
    ds = DisjointSet()
    n = 200_000
    start = time.perf_counter()
    for i in range(1, n):
        ds.union(i - 1, i)
    for i in range(n):
        ds.find(i)
    assert ds.count == 1
    assert time.perf_counter() - start < 8


def test_merge_customers() -> None:
    records = [
        {"id": 1, "emails": ["ann@example.com"], "phones": ["555-1"]},
        {"id": 2, "emails": [" ANN@example.com "]},
        {"id": 3, "phones": ["555-2"]},
        {"id": 4, "emails": ["bob@example.com"], "phones": ["555-2"]},
        {"id": 5},
        {"id": 6, "phones": ["555-1"], "emails": ["other@example.com"]},
        {"id": 7, "emails": ["other@example.com"]},
    ]
    assert merge_customers(records) == [[1, 2, 6, 7], [3, 4], [5]]


def test_merge_transitive_order() -> None:
    records = [
        {"id": 10, "emails": ["x@e.com"]},
        {"id": 3, "emails": ["y@e.com"]},
        {"id": 7, "emails": ["x@e.com", "y@e.com"]},
        {"id": 1, "phones": ["9"]},
    ]
    assert merge_customers(records) == [[1], [3, 7, 10]]
    assert merge_customers([]) == []
