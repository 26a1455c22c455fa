'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Money } = require('./.hidden_out/money.js');

test('parsing and formatting', () => {
  assert.equal(Money.of('12.34', 'EUR').cents, 1234);
  assert.equal(Money.of('7', 'EUR').cents, 700);
  assert.equal(Money.of('0.5', 'EUR').cents, 50);
  assert.equal(Money.of('-0.05', 'USD').toString(), '-0.05 USD');
  assert.equal(Money.of('12.3', 'EUR').toString(), '12.30 EUR');
  assert.equal(Money.fromCents(-1999, 'GBP').toString(), '-19.99 GBP');
  assert.equal(Money.of('0.29', 'EUR').cents, 29);
  assert.throws(() => Money.of('1.234', 'EUR'));
  assert.throws(() => Money.of('abc', 'EUR'));
  assert.throws(() => Money.fromCents(1.5, 'EUR'));
});

test('add and subtract', () => {
  const a = Money.of('0.10', 'EUR');
  const b = Money.of('0.20', 'EUR');
  assert.equal(a.add(b).toString(), '0.30 EUR');
  assert.equal(a.subtract(b).toString(), '-0.10 EUR');
  assert.equal(a.cents, 10, 'immutable');
  assert.throws(() => a.add(Money.of('1', 'USD')), /EUR.*USD|USD.*EUR/);
});

test('multiply rounds half away from zero', () => {
  assert.equal(Money.fromCents(5, 'EUR').multiply(0.5).cents, 3);
  assert.equal(Money.fromCents(-5, 'EUR').multiply(0.5).cents, -3);
  assert.equal(Money.of('19.99', 'EUR').multiply(3).cents, 5997);
  assert.equal(Money.fromCents(1000, 'EUR').multiply(0.175).cents, 175);
});

test('allocate', () => {
  assert.deepEqual(Money.fromCents(100, 'EUR').allocate([1, 1, 1]).map((m) => m.cents), [34, 33, 33]);
  assert.deepEqual(Money.fromCents(5, 'EUR').allocate([3, 7]).map((m) => m.cents), [2, 3]);
  assert.deepEqual(Money.fromCents(1000, 'EUR').allocate([50, 30, 20]).map((m) => m.cents), [500, 300, 200]);
  const parts = Money.fromCents(1001, 'USD').allocate([1, 1, 1, 1]);
  assert.equal(parts.reduce((s, m) => s + m.cents, 0), 1001);
  assert.ok(parts.every((m) => m.currency === 'USD'));
});

test('equals', () => {
  assert.ok(Money.of('1', 'EUR').equals(Money.fromCents(100, 'EUR')));
  assert.ok(!Money.of('1', 'EUR').equals(Money.fromCents(100, 'USD')));
});
