'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const R = require('./.hidden_out/result.js');

test('ok and err shapes', () => {
  assert.deepEqual(R.ok(1), { ok: true, value: 1 });
  assert.deepEqual(R.err('x'), { ok: false, error: 'x' });
});

test('map and mapErr', () => {
  assert.deepEqual(R.map(R.ok(2), (n) => n * 10), { ok: true, value: 20 });
  const e = R.err('boom');
  assert.deepEqual(R.map(e, () => assert.fail('must not be called')), { ok: false, error: 'boom' });
  assert.deepEqual(R.mapErr(e, (s) => s.toUpperCase()), { ok: false, error: 'BOOM' });
  assert.deepEqual(R.mapErr(R.ok(1), () => assert.fail('must not be called')), { ok: true, value: 1 });
});

test('andThen', () => {
  const half = (n) => (n % 2 === 0 ? R.ok(n / 2) : R.err(`odd: ${n}`));
  assert.deepEqual(R.andThen(R.ok(8), half), { ok: true, value: 4 });
  assert.deepEqual(R.andThen(R.ok(3), half), { ok: false, error: 'odd: 3' });
  assert.deepEqual(R.andThen(R.err('early'), half), { ok: false, error: 'early' });
});

test('unwrapOr', () => {
  assert.equal(R.unwrapOr(R.ok(5), 0), 5);
  assert.equal(R.unwrapOr(R.err('x'), 0), 0);
  assert.equal(R.unwrapOr(R.ok(0), 9), 0);
});

test('tryCatch', () => {
  assert.deepEqual(R.tryCatch(() => 42), { ok: true, value: 42 });
  const thrown = new TypeError('bad');
  const a = R.tryCatch(() => { throw thrown; });
  assert.equal(a.ok, false);
  assert.equal(a.error, thrown);
  const b = R.tryCatch(() => { throw 'plain string'; });
  assert.equal(b.ok, false);
  assert.ok(b.error instanceof Error);
  assert.equal(b.error.message, 'plain string');
});
