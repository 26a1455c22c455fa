'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { LinkedList } = require('./.hidden_out/list.js');

test('push, unshift, pop, shift', () => {
  const l = new LinkedList();
  assert.equal(l.pop(), undefined);
  assert.equal(l.shift(), undefined);
  l.push(2);
  l.push(3);
  l.unshift(1);
  assert.equal(l.length, 3);
  assert.deepEqual(l.toArray(), [1, 2, 3]);
  assert.equal(l.pop(), 3);
  assert.equal(l.shift(), 1);
  assert.equal(l.pop(), 2);
  assert.equal(l.length, 0);
  assert.deepEqual([...l], []);
  l.push(9);
  assert.deepEqual(l.toArray(), [9]);
});

test('from, at, iteration', () => {
  const l = LinkedList.from(new Set(['a', 'b', 'c']));
  assert.equal(l.at(0), 'a');
  assert.equal(l.at(2), 'c');
  assert.equal(l.at(-1), 'c');
  assert.equal(l.at(-3), 'a');
  assert.equal(l.at(3), undefined);
  assert.equal(l.at(-4), undefined);
  const seen = [];
  for (const x of l) seen.push(x);
  assert.deepEqual(seen, ['a', 'b', 'c']);
});

test('insertAt and removeAt', () => {
  const l = LinkedList.from([1, 3]);
  l.insertAt(1, 2);
  l.insertAt(0, 0);
  l.insertAt(4, 4);
  assert.deepEqual(l.toArray(), [0, 1, 2, 3, 4]);
  assert.throws(() => l.insertAt(6, 9), RangeError);
  assert.throws(() => l.insertAt(-1, 9), RangeError);
  assert.equal(l.removeAt(2), 2);
  assert.equal(l.removeAt(0), 0);
  assert.equal(l.removeAt(2), 4);
  assert.deepEqual(l.toArray(), [1, 3]);
  assert.throws(() => l.removeAt(2), RangeError);
  assert.equal(l.length, 2);
  assert.equal(l.pop(), 3);
  assert.equal(l.shift(), 1);
});

test('reverse', () => {
  const l = LinkedList.from([1, 2, 3, 4]);
  assert.equal(l.reverse(), l);
  assert.deepEqual(l.toArray(), [4, 3, 2, 1]);
  l.push(0);
  l.unshift(5);
  assert.deepEqual(l.toArray(), [5, 4, 3, 2, 1, 0]);
  assert.equal(l.pop(), 0);
  assert.equal(l.at(-1), 1);
  assert.deepEqual(new LinkedList().reverse().toArray(), []);
});

test('O(1) operations at both ends', () => {
  const l = new LinkedList();
  const start = Date.now();
  for (let i = 0; i < 200000; i++) l.unshift(i);
  for (let i = 0; i < 200000; i++) l.shift();
  assert.ok(Date.now() - start < 3000);
});
