'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { mapLimit } = require('./pool.js');

const tick = (n = 1) => new Promise((resolve) => {
  let left = n;
  const step = () => (--left <= 0 ? resolve() : setImmediate(step));
  setImmediate(step);
});

test('results keep input order', async () => {
  const delays = [5, 1, 4, 2, 3];
  const out = await mapLimit(delays, 2, async (d, i) => {
    await tick(d);
    return `${i}:${d}`;
  });
  assert.deepEqual(out, ['0:5', '1:1', '2:4', '3:2', '4:3']);
});

test('never more than limit in flight, and no fixed batches', async () => {
  let active = 0;
  let peak = 0;
  let firstDone = false;
  const startedWhileFirstRunning = [];
  const delays = [30, 1, 1, 1, 1, 1];
  await mapLimit(delays, 2, async (d, i) => {
    active++;
    peak = Math.max(peak, active);
    if (!firstDone) startedWhileFirstRunning.push(i);
    await tick(d);
    if (i === 0) firstDone = true;
    active--;
    return i;
  });
  assert.equal(peak, 2);
  // item 0 is slow: items 1..5 must run through the second slot meanwhile
  assert.deepEqual(startedWhileFirstRunning, [0, 1, 2, 3, 4, 5]);
});

test('limit larger than items and sync functions', async () => {
  assert.deepEqual(await mapLimit([1, 2, 3], 10, (x) => x * 2), [2, 4, 6]);
  assert.deepEqual(await mapLimit([], 3, async (x) => x), []);
});

test('rejects on first error and starts nothing new', async () => {
  const started = [];
  await assert.rejects(
    mapLimit([0, 1, 2, 3, 4, 5], 2, async (x) => {
      started.push(x);
      await tick(1);
      if (x === 1) throw new Error('boom');
      await tick(20);
      return x;
    }),
    /boom/,
  );
  await tick(50);
  assert.ok(started.length <= 3, `started ${started}`);
});

test('invalid limit', async () => {
  await assert.rejects(mapLimit([1], 0, async (x) => x), TypeError);
  await assert.rejects(mapLimit([1], 1.5, async (x) => x), TypeError);
});
