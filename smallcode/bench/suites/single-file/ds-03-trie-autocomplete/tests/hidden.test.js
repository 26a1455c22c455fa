'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Trie } = require('./trie.js');

function sample() {
  const t = new Trie();
  t.insert('car', 5);
  t.insert('card', 2);
  t.insert('care', 2);
  t.insert('cart');
  t.insert('cat', 7);
  t.insert('dog', 3);
  return t;
}

test('has, hasPrefix and size', () => {
  const t = sample();
  assert.equal(t.size, 6);
  assert.equal(t.has('car'), true);
  assert.equal(t.has('ca'), false);
  assert.equal(t.hasPrefix('ca'), true);
  assert.equal(t.hasPrefix('cards'), false);
  assert.equal(t.hasPrefix(''), true);
  assert.equal(new Trie().hasPrefix(''), false);
  assert.equal(t.has('Car'), false);
});

test('suggest orders by weight then alphabet', () => {
  const t = sample();
  assert.deepEqual(t.suggest('ca'), ['cat', 'car', 'card', 'care', 'cart']);
  assert.deepEqual(t.suggest('car', 2), ['car', 'card']);
  assert.deepEqual(t.suggest('x'), []);
  assert.deepEqual(t.suggest('', 2), ['cat', 'car']);
});

test('insert accumulates weight', () => {
  const t = sample();
  t.insert('cart', 10);
  assert.equal(t.size, 6);
  assert.deepEqual(t.suggest('car', 1), ['cart']);
});

test('delete prunes', () => {
  const t = sample();
  assert.equal(t.delete('card'), true);
  assert.equal(t.delete('card'), false);
  assert.equal(t.delete('ca'), false);
  assert.equal(t.has('card'), false);
  assert.equal(t.has('car'), true);
  assert.equal(t.size, 5);
  assert.equal(t.delete('dog'), true);
  assert.equal(t.hasPrefix('d'), false);
  assert.equal(t.hasPrefix('do'), false);
  t.delete('car');
  assert.equal(t.hasPrefix('car'), true);
  assert.deepEqual(t.suggest('car'), ['care', 'cart']);
  t.insert('car');
  assert.deepEqual(t.suggest('car', 1), ['care']);
});

test('invalid words', () => {
  const t = new Trie();
  assert.throws(() => t.insert(''), TypeError);
  assert.throws(() => t.insert(42), TypeError);
});
