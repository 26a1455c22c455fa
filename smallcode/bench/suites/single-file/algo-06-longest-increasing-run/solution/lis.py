"""Longest increasing subsequences and runs."""

from bisect import bisect_left, bisect_right


def longest_increasing_subsequence(values: list[float], strict: bool = True) -> list[int]:
    search = bisect_left if strict else bisect_right
    tails: list[float] = []
    tail_index: list[int] = []
    parent = [-1] * len(values)
    for i, value in enumerate(values):
        pos = search(tails, value)
        if pos == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[pos] = value
            tail_index[pos] = i
        parent[i] = tail_index[pos - 1] if pos > 0 else -1
    result = []
    i = tail_index[-1] if tail_index else -1
    while i != -1:
        result.append(i)
        i = parent[i]
    return result[::-1]


def longest_increasing_run(values: list[float]) -> tuple[int, int]:
    if not values:
        return (0, 0)
    best = (0, 1)
    start = 0
    for i in range(1, len(values)):
        if values[i] <= values[i - 1]:
            start = i
        if i + 1 - start > best[1] - best[0]:
            best = (start, i + 1)
    return best
