import random

import pytest

from routes import cheapest_route, reachable_within

ROADS = [
    ("depot", "a", 4), ("depot", "b", 1), ("b", "a", 2), ("a", "c", 5), ("b", "c", 8), ("c", "shop", 3),
    ("b", "d", 10), ("d", "shop", 1), ("x", "y", 1),
]


def test_cheapest() -> None:
    assert cheapest_route(ROADS, "depot", "shop") == (11, ["depot", "b", "a", "c", "shop"])
    assert cheapest_route(ROADS, "shop", "depot") == (11, ["shop", "c", "a", "b", "depot"])


def test_avoid() -> None:
    assert cheapest_route(ROADS, "depot", "shop", avoid=["a"]) == (12, ["depot", "b", "c", "shop"])
    assert cheapest_route(ROADS, "depot", "shop", avoid=["a", "c"]) == (12, ["depot", "b", "d", "shop"])
    assert cheapest_route(ROADS, "depot", "shop", avoid=["b", "c"]) is None
    assert cheapest_route(ROADS, "depot", "shop", avoid=["depot", "shop"]) == (11, ["depot", "b", "a", "c", "shop"])


def test_ties_lexicographic() -> None:
    roads = [("s", "m", 1), ("m", "t", 1), ("s", "k", 1), ("k", "t", 1), ("s", "t", 2)]
    assert cheapest_route(roads, "s", "t") == (2, ["s", "k", "t"])


def test_trivial_and_unreachable() -> None:
    assert cheapest_route(ROADS, "a", "a") == (0, ["a"])
    assert cheapest_route(ROADS, "depot", "x") is None
    assert cheapest_route(ROADS, "depot", "nowhere") is None
    with pytest.raises(ValueError):
        cheapest_route([("a", "b", -1)], "a", "b")


def test_reachable_within() -> None:
    assert reachable_within(ROADS, "depot", 3) == {"depot": 0, "b": 1, "a": 3}
    assert reachable_within(ROADS, "depot", 11) == {"depot": 0, "b": 1, "a": 3, "c": 8, "d": 11, "shop": 11}
    assert reachable_within(ROADS, "x", 0) == {"x": 0}


def test_random_graph_matches_bellman_ford() -> None:
    rng = random.Random(2)
    nodes = [f"n{i}" for i in range(40)]
    roads = [(rng.choice(nodes), rng.choice(nodes), rng.randint(1, 20)) for _ in range(120)]
    dist = {n: float("inf") for n in nodes}
    dist["n0"] = 0
    for _ in range(len(nodes)):
        for a, b, c in roads:
            dist[b] = min(dist[b], dist[a] + c)
            dist[a] = min(dist[a], dist[b] + c)
    for goal in nodes[1:]:
        result = cheapest_route(roads, "n0", goal)
        if dist[goal] == float("inf"):
            assert result is None
        else:
            assert result is not None and result[0] == dist[goal]
            cost = 0
            for a, b in zip(result[1], result[1][1:]):
                cost += min(c for x, y, c in roads if {x, y} == {a, b})
            assert cost == dist[goal]
