'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { TokenBucket, KeyedLimiter } = require('./.hidden_out/limiter.js');

function clock(start = 1000) {
  const c = { t: start, now: () => c.t };
  return c;
}

test('starts full and drains', () => {
  const c = clock();
  const b = new TokenBucket({ capacity: 3, refillPerSecond: 1, now: c.now });
  assert.equal(b.available(), 3);
  assert.equal(b.tryRemove(), true);
  assert.equal(b.tryRemove(2), true);
  assert.equal(b.tryRemove(), false);
  assert.equal(b.available(), 0);
});

test('refills continuously, capped at capacity', () => {
  const c = clock();
  const b = new TokenBucket({ capacity: 4, refillPerSecond: 2, now: c.now });
  b.tryRemove(4);
  c.t += 250;
  assert.equal(b.available(), 0);
  c.t += 250;
  assert.equal(b.available(), 1);
  c.t += 10_000;
  assert.equal(b.available(), 4);
});

test('failed remove takes nothing', () => {
  const c = clock();
  const b = new TokenBucket({ capacity: 5, refillPerSecond: 1, now: c.now });
  b.tryRemove(3);
  assert.equal(b.tryRemove(3), false);
  assert.equal(b.available(), 2);
  assert.equal(b.tryRemove(2), true);
});

test('retryAfterMs', () => {
  const c = clock();
  const b = new TokenBucket({ capacity: 10, refillPerSecond: 4, now: c.now });
  assert.equal(b.retryAfterMs(), 0);
  b.tryRemove(10);
  assert.equal(b.retryAfterMs(), 250);
  assert.equal(b.retryAfterMs(3), 750);
  c.t += 100;
  assert.equal(b.retryAfterMs(), 150);
  assert.equal(b.retryAfterMs(11), Infinity);
  c.t += 150;
  assert.equal(b.retryAfterMs(), 0);
  assert.equal(b.tryRemove(), true);
});

test('keyed limiter keeps buckets apart', () => {
  const c = clock();
  const k = new KeyedLimiter({ capacity: 2, refillPerSecond: 1, now: c.now });
  assert.equal(k.tryRemove('a'), true);
  assert.equal(k.tryRemove('a'), true);
  assert.equal(k.tryRemove('a'), false);
  assert.equal(k.tryRemove('b', 2), true);
  assert.equal(k.retryAfterMs('a'), 1000);
  assert.equal(k.retryAfterMs('c'), 0);
  c.t += 1000;
  assert.equal(k.tryRemove('a'), true);
});

test('invalid options', () => {
  assert.throws(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 }), RangeError);
  assert.throws(() => new TokenBucket({ capacity: 1, refillPerSecond: -1 }), RangeError);
  assert.throws(() => new KeyedLimiter({ capacity: NaN, refillPerSecond: 1 }), RangeError);
  const real = new TokenBucket({ capacity: 1, refillPerSecond: 1 });
  assert.equal(real.tryRemove(), true);
});
