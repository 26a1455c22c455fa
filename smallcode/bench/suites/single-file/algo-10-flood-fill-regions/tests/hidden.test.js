'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { countIslands, islandSizes, floodFill, closedLakes } = require('./regions.js');

const MAP = [
  '##..#',
  '#...#',
  '..###',
  '#....',
  '#.#.#',
];

test('islands', () => {
  assert.equal(countIslands(MAP), 5);
  assert.deepEqual(islandSizes(MAP), [5, 3, 2, 1, 1]);
  assert.equal(countIslands([]), 0);
  assert.equal(countIslands(['....']), 0);
  assert.equal(countIslands(['#.#', '.#.', '#.#']), 5, 'diagonals do not connect');
});

test('floodFill returns a new grid', () => {
  const copy = MAP.slice();
  const out = floodFill(MAP, 0, 2, '~');
  assert.deepEqual(MAP, copy);
  assert.deepEqual(out, [
    '##~~#',
    '#~~~#',
    '~~###',
    '#~~~~',
    '#~#~#',
  ]);
  assert.deepEqual(floodFill(MAP, 4, 2, '@')[4], '#.@.#');
  const same = floodFill(MAP, 0, 0, '#');
  assert.deepEqual(same, MAP);
  assert.notEqual(same, MAP);
  assert.throws(() => floodFill(MAP, 5, 0, 'x'), RangeError);
  assert.throws(() => floodFill(MAP, 0, -1, 'x'), RangeError);
});

test('closed lakes', () => {
  const grid = [
    '#######',
    '#..#..#',
    '#..#.##',
    '####..#',
    '.#.####',
  ];
  assert.equal(closedLakes(grid), 2);
  assert.equal(closedLakes(MAP), 0);
  assert.equal(closedLakes(['###', '#.#', '###']), 1);
});

test('large winding region without recursion', () => {
  const size = 1000;
  const rows = [];
  for (let r = 0; r < size; r++) {
    if (r % 2 === 0) rows.push('#'.repeat(size));
    else if (r % 4 === 1) rows.push('.'.repeat(size - 1) + '#');
    else rows.push('#' + '.'.repeat(size - 1));
  }
  assert.equal(countIslands(rows), 1);
  assert.equal(islandSizes(rows)[0], size * size / 2 + size / 2);
  const filled = floodFill(rows, 0, 0, 'x');
  assert.equal(filled[998][0], 'x');
  assert.equal(filled[999][0], 'x');
  assert.equal(filled[999][999], '.');
});
