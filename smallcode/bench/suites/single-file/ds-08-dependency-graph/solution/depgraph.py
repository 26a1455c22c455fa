"""A dependency graph with deterministic build order and cycle reporting."""

import heapq
from collections.abc import Hashable, Iterable


class CycleError(Exception):
    def __init__(self, cycle: list[Hashable]) -> None:
        super().__init__("dependency cycle: " + " -> ".join(map(str, cycle)))
        self.cycle = cycle


class DependencyGraph:
    def __init__(self) -> None:
        self._deps: dict[Hashable, set[Hashable]] = {}
        self._rdeps: dict[Hashable, set[Hashable]] = {}

    def _ensure(self, node: Hashable) -> None:
        self._deps.setdefault(node, set())
        self._rdeps.setdefault(node, set())

    def add(self, node: Hashable, depends_on: Iterable[Hashable] = ()) -> None:
        self._ensure(node)
        for dep in depends_on:
            self._ensure(dep)
            self._deps[node].add(dep)
            self._rdeps[dep].add(node)

    def nodes(self) -> set[Hashable]:
        return set(self._deps)

    def dependencies(self, node: Hashable) -> set[Hashable]:
        return set(self._deps[node])

    def dependents(self, node: Hashable) -> set[Hashable]:
        return set(self._rdeps[node])

    def build_order(self) -> list[Hashable]:
        remaining = {node: len(deps) for node, deps in self._deps.items()}
        ready = [node for node, count in remaining.items() if count == 0]
        heapq.heapify(ready)
        order = []
        while ready:
            node = heapq.heappop(ready)
            order.append(node)
            for dependent in self._rdeps[node]:
                remaining[dependent] -= 1
                if remaining[dependent] == 0:
                    heapq.heappush(ready, dependent)
        if len(order) != len(self._deps):
            raise CycleError(self._find_cycle({n for n, c in remaining.items() if c > 0}))
        return order

    def _find_cycle(self, candidates: set[Hashable]) -> list[Hashable]:
        start = min(candidates, key=str)
        path = [start]
        seen = {start: 0}
        node = start
        while True:
            node = min((d for d in self._deps[node] if d in candidates), key=str)
            if node in seen:
                return path[seen[node]:] + [node]
            seen[node] = len(path)
            path.append(node)

    def affected(self, node: Hashable) -> set[Hashable]:
        found: set[Hashable] = set()
        stack = list(self._rdeps[node])
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(self._rdeps[current])
        found.discard(node)
        return found
