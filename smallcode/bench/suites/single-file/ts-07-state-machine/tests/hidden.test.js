'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { createMachine } = require('./.hidden_out/machine.js');

const config = () => ({
  initial: 'draft',
  states: {
    draft: { on: { submit: 'review' } },
    review: { on: { approve: 'published', reject: 'draft' } },
    published: { on: { archive: 'archived' } },
    archived: { final: true, on: { submit: 'review' } },
  },
});

test('transitions and can', () => {
  const m = createMachine(config());
  assert.equal(m.state, 'draft');
  assert.equal(m.can('submit'), true);
  assert.equal(m.can('approve'), false);
  assert.equal(m.send('approve'), false);
  assert.equal(m.state, 'draft');
  assert.equal(m.send('submit'), true);
  assert.equal(m.send('reject'), true);
  assert.equal(m.send('submit'), true);
  assert.equal(m.send('approve'), true);
  assert.equal(m.state, 'published');
  assert.deepEqual(m.history(), ['draft', 'review', 'draft', 'review', 'published']);
});

test('final states block everything', () => {
  const m = createMachine(config());
  ['submit', 'approve', 'archive'].forEach((e) => assert.equal(m.send(e), true));
  assert.equal(m.state, 'archived');
  assert.equal(m.can('submit'), false);
  assert.equal(m.send('submit'), false);
  assert.equal(m.state, 'archived');
});

test('history is a copy; reset', () => {
  const m = createMachine(config());
  m.send('submit');
  const h = m.history();
  h.push('hacked');
  assert.deepEqual(m.history(), ['draft', 'review']);
  const seen = [];
  m.subscribe((...args) => seen.push(args));
  m.reset();
  assert.equal(m.state, 'draft');
  assert.deepEqual(m.history(), ['draft']);
  assert.deepEqual(seen, []);
});

test('subscribe and unsubscribe', () => {
  const m = createMachine(config());
  const seen = [];
  const off = m.subscribe((to, from, event) => seen.push([to, from, event]));
  m.send('submit');
  m.send('nonsense');
  off();
  m.send('approve');
  assert.deepEqual(seen, [['review', 'draft', 'submit']]);
});

test('unknown target state rejected', () => {
  assert.throws(() => createMachine({ initial: 'a', states: { a: { on: { go: 'b' } } } }), /b/);
});
