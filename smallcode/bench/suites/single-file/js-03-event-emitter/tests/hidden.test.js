'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Emitter } = require('./emitter.js');

test('on/emit order and return value', () => {
  const e = new Emitter();
  const calls = [];
  assert.equal(e.emit('x', 1), false);
  e.on('x', (a, b) => calls.push(['first', a, b]));
  e.on('x', (a) => calls.push(['second', a]));
  assert.equal(e.emit('x', 1, 2), true);
  assert.deepEqual(calls, [['first', 1, 2], ['second', 1]]);
  assert.equal(e.listenerCount('x'), 2);
  assert.equal(e.listenerCount('y'), 0);
});

test('unsubscribe function and off', () => {
  const e = new Emitter();
  const calls = [];
  const f = () => calls.push('f');
  const g = () => calls.push('g');
  const unsubscribe = e.on('x', f);
  e.on('x', g);
  unsubscribe();
  e.emit('x');
  e.off('x', g);
  e.emit('x');
  assert.deepEqual(calls, ['g']);
  assert.equal(e.listenerCount('x'), 0);
});

test('once runs once and can be removed with off', () => {
  const e = new Emitter();
  let n = 0;
  e.once('x', () => n++);
  e.emit('x');
  e.emit('x');
  assert.equal(n, 1);
  assert.equal(e.listenerCount('x'), 0);
  const h = () => n++;
  e.once('x', h);
  assert.equal(e.listenerCount('x'), 1);
  e.off('x', h);
  e.emit('x');
  assert.equal(n, 1);
});

test('same function twice is called twice', () => {
  const e = new Emitter();
  let n = 0;
  const f = () => n++;
  e.on('x', f);
  e.on('x', f);
  e.emit('x');
  assert.equal(n, 2);
});

test('changes during emit do not affect the running emit', () => {
  const e = new Emitter();
  const calls = [];
  e.on('x', () => {
    calls.push('a');
    e.on('x', () => calls.push('late'));
  });
  e.on('x', () => calls.push('b'));
  e.emit('x');
  assert.deepEqual(calls, ['a', 'b']);
});

test('errors: others still run, first error rethrown', () => {
  const e = new Emitter();
  const calls = [];
  e.on('x', () => { throw new Error('one'); });
  e.on('x', () => calls.push('ran'));
  e.on('x', () => { throw new Error('two'); });
  assert.throws(() => e.emit('x'), /one/);
  assert.deepEqual(calls, ['ran']);
});
