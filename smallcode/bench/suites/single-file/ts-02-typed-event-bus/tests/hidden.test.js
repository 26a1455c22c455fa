'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { EventBus } = require('./.hidden_out/bus.js');

test('emit calls handlers in order and counts them', () => {
  const bus = new EventBus();
  const calls = [];
  bus.on('a', (p) => calls.push(['one', p]));
  bus.on('a', (p) => calls.push(['two', p]));
  bus.on('b', () => calls.push(['b']));
  assert.equal(bus.emit('a', 5), 2);
  assert.equal(bus.emit('zzz', 1), 0);
  assert.deepEqual(calls, [['one', 5], ['two', 5]]);
});

test('unsubscribe, size and clear', () => {
  const bus = new EventBus();
  let hits = 0;
  const off = bus.on('a', () => hits++);
  bus.on('a', () => hits++);
  bus.on('b', () => hits++);
  assert.equal(bus.size('a'), 2);
  off();
  off();
  assert.equal(bus.size('a'), 1);
  bus.emit('a');
  assert.equal(hits, 1);
  bus.clear('a');
  assert.equal(bus.size('a'), 0);
  assert.equal(bus.size('b'), 1);
  bus.clear();
  assert.equal(bus.size('b'), 0);
  assert.equal(bus.emit('b'), 0);
});
