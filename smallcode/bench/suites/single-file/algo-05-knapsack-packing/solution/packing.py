"""0/1 knapsack helpers."""

from collections.abc import Sequence

Item = tuple[str, int, int]


def best_pack(items: Sequence[Item], capacity: int) -> tuple[int, list[str]]:
    if capacity < 0:
        raise ValueError("capacity must be non-negative")
    n = len(items)
    # best[i][w] = (value, -weight) using the first i items with weight budget w
    best = [[(0, 0)] * (capacity + 1) for _ in range(n + 1)]
    for i, (_, weight, value) in enumerate(items, start=1):
        prev = best[i - 1]
        row = best[i]
        for w in range(capacity + 1):
            row[w] = prev[w]
            if weight <= w:
                v, negw = prev[w - weight]
                candidate = (v + value, negw - weight)
                if candidate > row[w]:
                    row[w] = candidate
    chosen = []
    w = capacity
    for i in range(n, 0, -1):
        if best[i][w] != best[i - 1][w]:
            chosen.append(items[i - 1][0])
            w -= items[i - 1][1]
    chosen.reverse()
    return best[n][capacity][0], chosen


def min_items_to_reach(weights: Sequence[int], target: int) -> int:
    if target < 0:
        raise ValueError("target must be non-negative")
    inf = float("inf")
    need = [0.0] + [inf] * target
    for weight in weights:
        for t in range(target, weight - 1, -1):
            if need[t - weight] + 1 < need[t]:
                need[t] = need[t - weight] + 1
    return -1 if need[target] == inf else int(need[target])
