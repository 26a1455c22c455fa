'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const C = require('./.hidden_out/collections.js');

const people = [
  { name: 'ann', team: 'red', age: 31 },
  { name: 'bob', team: 'blue', age: 17 },
  { name: 'cy', team: 'red', age: 45 },
  { name: 'ann', team: 'blue', age: 22 },
];

test('groupBy keeps order', () => {
  const g = C.groupBy(people, (p) => p.team);
  assert.deepEqual(Object.keys(g).sort(), ['blue', 'red']);
  assert.deepEqual(g.red.map((p) => p.name), ['ann', 'cy']);
  assert.deepEqual(g.blue.map((p) => p.age), [17, 22]);
  assert.deepEqual(C.groupBy([], (x) => x), {});
  assert.deepEqual(C.groupBy([1, 2, 3, 4], (x) => (x % 2 === 0 ? 'even' : 'odd')), { odd: [1, 3], even: [2, 4] });
});

test('partition', () => {
  const [strs, nums] = C.partition([1, 'a', 2, 'b'], (v) => typeof v === 'string');
  assert.deepEqual(strs, ['a', 'b']);
  assert.deepEqual(nums, [1, 2]);
});

test('chunk', () => {
  assert.deepEqual(C.chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepEqual(C.chunk([], 3), []);
  assert.throws(() => C.chunk([1], 0), RangeError);
  assert.throws(() => C.chunk([1], 1.5), RangeError);
});

test('zip, uniqueBy, sumBy', () => {
  assert.deepEqual(C.zip([1, 2, 3], ['a', 'b']), [[1, 'a'], [2, 'b']]);
  assert.deepEqual(C.uniqueBy(people, (p) => p.name).map((p) => p.age), [31, 17, 45]);
  assert.equal(C.sumBy(people, (p) => p.age), 115);
  assert.equal(C.sumBy([], () => 1), 0);
});

test('inputs not modified', () => {
  const input = [3, 1, 2];
  C.chunk(input, 2);
  C.partition(input, (x) => x > 1);
  C.uniqueBy(input, (x) => x % 2);
  C.groupBy(input, (x) => x);
  assert.deepEqual(input, [3, 1, 2]);
});
