"""Parse, check and solve 9x9 sudoku puzzles."""

Grid = list[list[int]]
_SEPARATORS = set(" \t\r\n|-+")


def parse(text: str) -> Grid:
    cells = []
    for ch in text:
        if ch in _SEPARATORS:
            continue
        if ch == ".":
            cells.append(0)
        elif ch.isdigit():
            cells.append(int(ch))
        else:
            raise ValueError(f"unexpected character {ch!r}")
    if len(cells) != 81:
        raise ValueError(f"expected 81 cells, got {len(cells)}")
    return [cells[r * 9:(r + 1) * 9] for r in range(9)]


def _units() -> list[list[tuple[int, int]]]:
    rows = [[(r, c) for c in range(9)] for r in range(9)]
    cols = [[(r, c) for r in range(9)] for c in range(9)]
    boxes = [[(br + r, bc + c) for r in range(3) for c in range(3)] for br in (0, 3, 6) for bc in (0, 3, 6)]
    return rows + cols + boxes


UNITS = _units()


def is_valid(grid: Grid) -> bool:
    for unit in UNITS:
        digits = [grid[r][c] for r, c in unit if grid[r][c]]
        if len(digits) != len(set(digits)):
            return False
    return True


def _search(grid: Grid, found: list[Grid], limit: int) -> None:
    rows = [0] * 9
    cols = [0] * 9
    boxes = [0] * 9
    empty = []
    for r in range(9):
        for c in range(9):
            digit = grid[r][c]
            if digit:
                bit = 1 << digit
                rows[r] |= bit
                cols[c] |= bit
                boxes[(r // 3) * 3 + c // 3] |= bit
            else:
                empty.append((r, c))

    def solve_from() -> None:
        best = -1
        best_mask = 0
        best_count = 10
        for i, (r, c) in enumerate(empty):
            if grid[r][c]:
                continue
            mask = ~(rows[r] | cols[c] | boxes[(r // 3) * 3 + c // 3]) & 0b1111111110
            count = bin(mask).count("1")
            if count < best_count:
                best, best_mask, best_count = i, mask, count
                if count <= 1:
                    break
        if best == -1:
            found.append([row[:] for row in grid])
            return
        if best_count == 0:
            return
        r, c = empty[best]
        b = (r // 3) * 3 + c // 3
        for digit in range(1, 10):
            bit = 1 << digit
            if not best_mask & bit:
                continue
            grid[r][c] = digit
            rows[r] |= bit
            cols[c] |= bit
            boxes[b] |= bit
            solve_from()
            rows[r] &= ~bit
            cols[c] &= ~bit
            boxes[b] &= ~bit
            grid[r][c] = 0
            if len(found) >= limit:
                return

    solve_from()


def count_solutions(grid: Grid, limit: int = 2) -> int:
    if not is_valid(grid):
        return 0
    found: list[Grid] = []
    _search([row[:] for row in grid], found, limit)
    return len(found)


def solve(grid: Grid) -> Grid | None:
    if not is_valid(grid):
        return None
    found: list[Grid] = []
    _search([row[:] for row in grid], found, 1)
    return found[0] if found else None
