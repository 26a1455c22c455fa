"""Cheapest routes over a road network (Dijkstra)."""

import heapq
from collections import defaultdict
from collections.abc import Iterable

Road = tuple[str, str, float]


def _graph(roads: Iterable[Road]) -> dict[str, list[tuple[str, float]]]:
    graph: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for a, b, cost in roads:
        if cost < 0:
            raise ValueError(f"negative cost on road {a}-{b}")
        graph[a].append((b, cost))
        graph[b].append((a, cost))
    return graph


def cheapest_route(
    roads: Iterable[Road], start: str, goal: str, avoid: Iterable[str] = ()
) -> tuple[float, list[str]] | None:
    graph = _graph(roads)
    if start == goal:
        return (0, [start])
    blocked = set(avoid) - {start, goal}
    heap: list[tuple[float, list[str]]] = [(0, [start])]
    done: set[str] = set()
    while heap:
        cost, path = heapq.heappop(heap)
        node = path[-1]
        if node in done:
            continue
        if node == goal:
            return (cost, path)
        done.add(node)
        for nxt, step in graph.get(node, []):
            if nxt not in done and nxt not in blocked:
                heapq.heappush(heap, (cost + step, path + [nxt]))
    return None


def reachable_within(roads: Iterable[Road], start: str, budget: float) -> dict[str, float]:
    graph = _graph(roads)
    best: dict[str, float] = {}
    heap: list[tuple[float, str]] = [(0, start)]
    while heap:
        cost, node = heapq.heappop(heap)
        if node in best or cost > budget:
            continue
        best[node] = cost
        for nxt, step in graph.get(node, []):
            if nxt not in best:
                heapq.heappush(heap, (cost + step, nxt))
    return best
