import copy
import time

import pytest

from sudoku import count_solutions, is_valid, parse, solve

EASY = """
53. | .7. | ...
6.. | 195 | ...
.98 | ... | .6.
----+-----+----
8.. | .6. | ..3
4.. | 8.3 | ..1
7.. | .2. | ..6
----+-----+----
.6. | ... | 28.
... | 419 | ..5
... | .8. | .79
"""

HARD = "8..........36......7..9.2...5...7.......457.....1...3...1....68..85...1..9....4.."


def assert_solution(puzzle: list[list[int]], solution: list[list[int]]) -> None:
    for r in range(9):
        assert sorted(solution[r]) == list(range(1, 10))
        assert sorted(solution[i][r] for i in range(9)) == list(range(1, 10))
        for c in range(9):
            if puzzle[r][c]:
                assert solution[r][c] == puzzle[r][c]
    for br in (0, 3, 6):
        for bc in (0, 3, 6):
            assert sorted(solution[br + i][bc + j] for i in range(3) for j in range(3)) == list(range(1, 10))


def test_parse() -> None:
    grid = parse(EASY)
    assert grid[0] == [5, 3, 0, 0, 7, 0, 0, 0, 0]
    assert grid[8] == [0, 0, 0, 0, 8, 0, 0, 7, 9]
    assert parse("0" * 81) == [[0] * 9 for _ in range(9)]
    with pytest.raises(ValueError):
        parse("1" * 80)
    with pytest.raises(ValueError):
        parse("x" + "0" * 80)


def test_is_valid() -> None:
    grid = parse(EASY)
    assert is_valid(grid)
    bad = copy.deepcopy(grid)
    bad[0][2] = 5
    assert not is_valid(bad)
    bad = copy.deepcopy(grid)
    bad[1][1] = 9
    assert not is_valid(bad)
    bad = copy.deepcopy(grid)
    bad[4][0] = 8
    assert not is_valid(bad)


def test_solve_easy_without_modifying_input() -> None:
    grid = parse(EASY)
    before = copy.deepcopy(grid)
    solution = solve(grid)
    assert grid == before
    assert solution is not None
    assert_solution(grid, solution)
    assert solution[0] == [5, 3, 4, 6, 7, 8, 9, 1, 2]


def test_solve_hard_quickly() -> None:
    grid = parse(HARD)
    start = time.perf_counter()
    solution = solve(grid)
    assert time.perf_counter() - start < 15
    assert solution is not None
    assert_solution(grid, solution)


def test_unsolvable() -> None:
    grid = parse(EASY)
    grid[0][2] = 5
    assert solve(grid) is None
    blocked = parse("12345678." + "0" * 63 + "........9")
    assert solve(blocked) is None
    assert count_solutions(blocked) == 0


def test_count_solutions() -> None:
    assert count_solutions(parse(EASY)) == 1
    almost_empty = parse("1" + "0" * 80)
    assert count_solutions(almost_empty) == 2
    assert count_solutions(almost_empty, limit=5) == 5
