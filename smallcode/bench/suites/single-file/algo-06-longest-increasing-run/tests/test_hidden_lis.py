import random
import time

from lis import longest_increasing_run, longest_increasing_subsequence


def lis_length(values, strict):  # type: ignore[no-untyped-def]
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if (values[j] < values[i]) if strict else (values[j] <= values[i]):
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


def valid(values, idx, strict):  # type: ignore[no-untyped-def]
    assert all(a < b for a, b in zip(idx, idx[1:])), "indexes must increase"
    picked = [values[i] for i in idx]
    if strict:
        assert all(a < b for a, b in zip(picked, picked[1:]))
    else:
        assert all(a <= b for a, b in zip(picked, picked[1:]))


def test_examples() -> None:
    values = [3, 1, 4, 1, 5, 9, 2, 6]
    idx = longest_increasing_subsequence(values)
    valid(values, idx, True)
    assert len(idx) == 4
    assert longest_increasing_subsequence([]) == []
    assert longest_increasing_subsequence([7]) == [0]
    assert len(longest_increasing_subsequence([2, 2, 2])) == 1
    assert longest_increasing_subsequence([2, 2, 2], strict=False) == [0, 1, 2]


def test_random_against_quadratic() -> None:
    rng = random.Random(10)
    for _ in range(150):
        values = [rng.randint(0, 12) for _ in range(rng.randint(0, 40))]
        for strict in (True, False):
            idx = longest_increasing_subsequence(values, strict=strict)
            valid(values, idx, strict)
            assert len(idx) == lis_length(values, strict)


def test_large_input_fast() -> None:
    rng = random.Random(1)
    values = [rng.random() for _ in range(200_000)]
    start = time.perf_counter()
    idx = longest_increasing_subsequence(values)
    assert time.perf_counter() - start < 6
    valid(values, idx, True)
    assert 850 < len(idx) < 950
    ramp = list(range(100_000))
    assert len(longest_increasing_subsequence(ramp)) == 100_000


def test_runs() -> None:
    assert longest_increasing_run([]) == (0, 0)
    assert longest_increasing_run([5]) == (0, 1)
    assert longest_increasing_run([1, 2, 3, 1, 2, 3, 4, 0]) == (3, 7)
    assert longest_increasing_run([1, 2, 1, 2]) == (0, 2)
    assert longest_increasing_run([3, 3, 3]) == (0, 1)
    assert longest_increasing_run([5, 4, 3, 4, 5, 6]) == (2, 6)
