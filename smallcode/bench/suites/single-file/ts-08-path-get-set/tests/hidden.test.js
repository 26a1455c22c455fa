'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parsePath, getIn, setIn, deleteIn } = require('./.hidden_out/paths.js');

test('parsePath', () => {
  assert.deepEqual(parsePath('a.b[0].c'), ['a', 'b', 0, 'c']);
  assert.deepEqual(parsePath(''), []);
  assert.deepEqual(parsePath('list[2][10]'), ['list', 2, 10]);
  assert.deepEqual(parsePath('[1].x'), [1, 'x']);
  for (const bad of ['a..b', 'a[-1]', 'a[x]', 'a.', '.a', 'a[1', 'a[1.5]']) {
    assert.throws(() => parsePath(bad), Error, bad);
  }
});

test('getIn', () => {
  const data = { a: { b: [{ c: 1 }, { c: null }] }, zero: 0 };
  assert.equal(getIn(data, 'a.b[0].c'), 1);
  assert.equal(getIn(data, 'a.b[1].c', 'dflt'), null);
  assert.equal(getIn(data, 'a.b[5].c', 'dflt'), 'dflt');
  assert.equal(getIn(data, 'zero.x', 'dflt'), 'dflt');
  assert.equal(getIn(data, 'zero', 'dflt'), 0);
  assert.equal(getIn(data, 'missing'), undefined);
  assert.equal(getIn(data, ''), data);
});

test('setIn copies the path only', () => {
  const data = { a: { b: [1, 2], keep: { k: 1 } }, other: { o: 1 } };
  const out = setIn(data, 'a.b[1]', 20);
  assert.deepEqual(out, { a: { b: [1, 20], keep: { k: 1 } }, other: { o: 1 } });
  assert.deepEqual(data.a.b, [1, 2]);
  assert.notEqual(out, data);
  assert.notEqual(out.a, data.a);
  assert.notEqual(out.a.b, data.a.b);
  assert.equal(out.other, data.other);
  assert.equal(out.a.keep, data.a.keep);
  assert.ok(Array.isArray(out.a.b));
});

test('setIn creates containers', () => {
  assert.deepEqual(setIn({}, 'x.list[0].name', 'n'), { x: { list: [{ name: 'n' }] } });
  assert.deepEqual(setIn({ x: 5 }, 'x.y', 1), { x: { y: 1 } });
});

test('deleteIn', () => {
  const data = { a: { b: [1, 2, 3], c: 1 }, d: { e: 1 } };
  const out = deleteIn(data, 'a.b[1]');
  assert.deepEqual(out.a.b, [1, 3]);
  assert.equal(out.d, data.d);
  assert.deepEqual(data.a.b, [1, 2, 3]);
  assert.deepEqual(deleteIn(data, 'a.c'), { a: { b: [1, 2, 3] }, d: { e: 1 } });
  assert.equal(deleteIn(data, 'a.zzz.q'), data);
  assert.equal(deleteIn(data, 'nope'), data);
});
