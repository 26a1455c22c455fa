'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createStore } = require('./todos.js');

function seeded() {
  const store = createStore();
  store.add('buy milk');
  store.add('  write report ');
  store.add('call mom');
  return store;
}

test('add and list unchanged', () => {
  const store = seeded();
  assert.deepEqual(store.list().map((t) => t.title), ['buy milk', 'write report', 'call mom']);
  assert.throws(() => store.add('   '));
  const copy = store.list();
  copy[0].title = 'hacked';
  assert.equal(store.list()[0].title, 'buy milk');
});

test('toggle', () => {
  const store = seeded();
  assert.deepEqual(store.toggle(2), { id: 2, title: 'write report', done: true });
  assert.equal(store.toggle(2).done, false);
  assert.throws(() => store.toggle(99));
});

test('rename', () => {
  const store = seeded();
  assert.equal(store.rename(1, '  buy oat milk ').title, 'buy oat milk');
  assert.equal(store.list()[0].title, 'buy oat milk');
  assert.throws(() => store.rename(1, '  '));
  assert.throws(() => store.rename(42, 'x'));
});

test('filter returns copies', () => {
  const store = seeded();
  store.toggle(1);
  store.toggle(3);
  assert.deepEqual(store.filter('done').map((t) => t.id), [1, 3]);
  assert.deepEqual(store.filter('active').map((t) => t.id), [2]);
  assert.equal(store.filter('all').length, 3);
  store.filter('done')[0].done = false;
  assert.equal(store.filter('done').length, 2);
  assert.throws(() => store.filter('pending'));
});

test('clearCompleted and stats', () => {
  const store = seeded();
  assert.deepEqual(store.stats(), { total: 3, active: 3, done: 0 });
  store.toggle(1);
  store.toggle(2);
  assert.deepEqual(store.stats(), { total: 3, active: 1, done: 2 });
  assert.equal(store.clearCompleted(), 2);
  assert.equal(store.clearCompleted(), 0);
  assert.deepEqual(store.list().map((t) => t.id), [3]);
  assert.equal(store.add('new').id, 4);
});
