'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { range } = require('./lib/range');
const { rowLabels } = require('./lib/grid');
const { daysOfMonth } = require('./lib/calendar');

test('range is inclusive', () => {
  assert.deepStrictEqual(range(2, 5), [2, 3, 4, 5]);
  assert.deepStrictEqual(range(3, 3), [3]);
});

test('calendar', () => {
  assert.strictEqual(daysOfMonth(2024, 2).length, 29);
  assert.strictEqual(daysOfMonth(2023, 4).at(-1), 30);
});

test('grid unchanged', () => {
  assert.deepStrictEqual(rowLabels(3), ['row 1', 'row 2', 'row 3']);
});
