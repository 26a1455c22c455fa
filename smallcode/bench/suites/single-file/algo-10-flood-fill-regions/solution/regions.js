'use strict';

const DIRS = [[1, 0], [-1, 0], [0, 1], [0, -1]];

function regions(grid, wanted) {
  const rows = grid.length;
  const cols = rows ? grid[0].length : 0;
  const seen = new Uint8Array(rows * cols);
  const out = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (seen[r * cols + c] || grid[r][c] !== wanted) continue;
      const cells = [];
      const stack = [r * cols + c];
      seen[r * cols + c] = 1;
      while (stack.length) {
        const index = stack.pop();
        cells.push(index);
        const y = Math.floor(index / cols);
        const x = index % cols;
        for (const [dy, dx] of DIRS) {
          const ny = y + dy;
          const nx = x + dx;
          if (ny < 0 || ny >= rows || nx < 0 || nx >= cols) continue;
          const n = ny * cols + nx;
          if (!seen[n] && grid[ny][nx] === wanted) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
      out.push({ cells, cols, rows });
    }
  }
  return out;
}

function countIslands(grid) {
  return regions(grid, '#').length;
}

function islandSizes(grid) {
  return regions(grid, '#').map((region) => region.cells.length).sort((a, b) => b - a);
}

function floodFill(grid, row, col, char) {
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || row >= grid.length || col < 0 || col >= grid[0].length) {
    throw new RangeError(`cell (${row}, ${col}) is outside the grid`);
  }
  const cells = grid.map((line) => line.split(''));
  const target = cells[row][col];
  if (target === char) return grid.slice();
  const stack = [[row, col]];
  cells[row][col] = char;
  while (stack.length) {
    const [y, x] = stack.pop();
    for (const [dy, dx] of DIRS) {
      const ny = y + dy;
      const nx = x + dx;
      if (ny >= 0 && ny < cells.length && nx >= 0 && nx < cells[0].length && cells[ny][nx] === target) {
        cells[ny][nx] = char;
        stack.push([ny, nx]);
      }
    }
  }
  return cells.map((line) => line.join(''));
}

function closedLakes(grid) {
  return regions(grid, '.').filter(({ cells, cols, rows }) => cells.every((index) => {
    const y = Math.floor(index / cols);
    const x = index % cols;
    return y > 0 && y < rows - 1 && x > 0 && x < cols - 1;
  })).length;
}

module.exports = { countIslands, islandSizes, floodFill, closedLakes };
