'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { deepMerge, isPlainObject } = require('./merge.js');

test('recursive merge, later wins', () => {
  const defaults = { server: { host: 'localhost', port: 80, tls: { on: false } }, debug: false };
  const user = { server: { port: 8080, tls: { on: true, cert: 'x.pem' } } };
  const cli = { debug: true };
  assert.deepEqual(deepMerge(defaults, user, cli), {
    server: { host: 'localhost', port: 8080, tls: { on: true, cert: 'x.pem' } },
    debug: true,
  });
});

test('arrays and special objects replace', () => {
  const d = new Date(0);
  class Point { constructor(x) { this.x = x; } }
  const p = new Point(1);
  const out = deepMerge({ list: [1, 2, 3], when: { a: 1 }, pt: { y: 2 } }, { list: [9], when: d, pt: p });
  assert.deepEqual(out.list, [9]);
  assert.equal(out.when, d);
  assert.equal(out.pt, p);
  assert.deepEqual(deepMerge({ a: { b: 1 } }, { a: null }), { a: null });
  assert.deepEqual(deepMerge({ a: 1 }, { a: { b: 2 } }), { a: { b: 2 } });
});

test('undefined does not erase, null and non-objects skipped', () => {
  assert.deepEqual(deepMerge({ a: 1, b: 2 }, { a: undefined }, null, undefined, { b: 3 }), { a: 1, b: 3 });
  assert.deepEqual(deepMerge(), {});
});

test('inputs untouched and nothing shared', () => {
  const a = { nested: { list: [1, { deep: true }] }, x: 1 };
  const b = { nested: { y: 2 } };
  const snapshotA = JSON.stringify(a);
  const snapshotB = JSON.stringify(b);
  const out = deepMerge(a, b);
  assert.equal(JSON.stringify(a), snapshotA);
  assert.equal(JSON.stringify(b), snapshotB);
  assert.notEqual(out.nested, a.nested);
  assert.notEqual(out.nested, b.nested);
  assert.notEqual(out.nested.list, a.nested.list);
  out.nested.list[1].deep = false;
  assert.equal(a.nested.list[1].deep, true);
  const single = { k: { v: 1 } };
  assert.notEqual(deepMerge(single).k, single.k);
});

test('isPlainObject', () => {
  assert.equal(isPlainObject({}), true);
  assert.equal(isPlainObject(Object.create(null)), true);
  assert.equal(isPlainObject([]), false);
  assert.equal(isPlainObject(null), false);
  assert.equal(isPlainObject(new Date()), false);
  assert.equal(isPlainObject(new (class A {})()), false);
  assert.equal(isPlainObject('x'), false);
});
