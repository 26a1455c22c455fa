'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { BitSet } = require('./bitset.js');

test('set, clear, toggle, has', () => {
  const b = new BitSet(70);
  assert.equal(b.size, 70);
  assert.equal(b.set(0).set(31).set(32).set(69), b);
  assert.equal(b.has(31), true);
  assert.equal(b.has(30), false);
  b.clear(31).toggle(5).toggle(69);
  assert.deepEqual(b.toArray(), [0, 5, 32]);
  assert.equal(b.count(), 3);
});

test('range errors', () => {
  const b = new BitSet(10);
  for (const bad of [-1, 10, 1.5, NaN]) {
    assert.throws(() => b.set(bad), RangeError);
    assert.throws(() => b.has(bad), RangeError);
  }
  assert.throws(() => new BitSet(-1), RangeError);
  assert.throws(() => new BitSet(2.5), RangeError);
  assert.equal(new BitSet(0).toString(), '');
});

test('set operations return new sets', () => {
  const a = BitSet.fromArray(40, [1, 2, 3, 33]);
  const b = BitSet.fromArray(40, [3, 4, 33, 39]);
  assert.deepEqual(a.union(b).toArray(), [1, 2, 3, 4, 33, 39]);
  assert.deepEqual(a.intersection(b).toArray(), [3, 33]);
  assert.deepEqual(a.difference(b).toArray(), [1, 2]);
  assert.deepEqual(a.toArray(), [1, 2, 3, 33]);
  assert.notEqual(a.union(b), a);
  assert.throws(() => a.union(new BitSet(41)), RangeError);
});

test('toString is bit 0 first', () => {
  assert.equal(BitSet.fromArray(6, [0, 4]).toString(), '100010');
  const big = BitSet.fromArray(33, [32]);
  assert.equal(big.toString(), '0'.repeat(32) + '1');
});

test('count of bit 31 and all bits', () => {
  const b = new BitSet(64);
  for (let i = 0; i < 64; i++) b.set(i);
  assert.equal(b.count(), 64);
  b.clear(31);
  assert.equal(b.count(), 63);
});

test('uses a Uint32Array and is compact', () => {
  assert.match(fs.readFileSync('bitset.js', 'utf8'), /Uint32Array/);
  const b = new BitSet(100000);
  const arrays = Object.values(b).filter((v) => v instanceof Uint32Array);
  assert.equal(arrays.length, 1);
  assert.ok(arrays[0].length <= 3126);
});
