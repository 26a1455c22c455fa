'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { cartTotals } = require('./pricing.js');

const line = (unitCents, qty, sku = 'x') => ({ sku, unitCents, qty });

test('subtotal, shipping and vat without a code', () => {
  assert.deepEqual(cartTotals([line(1000, 2), line(250, 1)]), {
    subtotal: 2250, discount: 0, shipping: 495, vat: 549, total: 3294,
  });
});

test('free shipping from exactly 5000 after discount', () => {
  assert.equal(cartTotals([line(5000, 1)]).shipping, 0);
  assert.equal(cartTotals([line(4999, 1)]).shipping, 495);
  assert.equal(cartTotals([line(5400, 1)], { code: 'SAVE10' }).shipping, 495);
});

test('SAVE10 takes 10 percent rounded down, case-insensitive', () => {
  const r = cartTotals([line(1999, 1)], { code: 'save10' });
  assert.equal(r.discount, 199);
  assert.equal(r.total, 1999 - 199 + 495 + Math.round((1999 - 199 + 495) * 0.2));
});

test('FIVEOFF is capped at the subtotal', () => {
  assert.equal(cartTotals([line(2000, 1)], { code: 'FIVEOFF' }).discount, 500);
  const small = cartTotals([line(300, 1)], { code: 'fiveoff' });
  assert.equal(small.discount, 300);
  assert.equal(small.total, 495 + 99);
});

test('unknown code gives no discount', () => {
  assert.equal(cartTotals([line(1000, 1)], { code: 'BOGUS' }).discount, 0);
});

test('vat is rounded half up on discounted total plus shipping', () => {
  const r = cartTotals([line(1, 1)]);
  assert.equal(r.vat, Math.round(496 * 0.2));
  assert.equal(cartTotals([line(6000, 1)]).vat, 1200);
});

test('empty cart is free', () => {
  assert.deepEqual(cartTotals([]), { subtotal: 0, discount: 0, shipping: 0, vat: 0, total: 0 });
});

test('invalid lines throw RangeError', () => {
  assert.throws(() => cartTotals([line(100, 0)]), RangeError);
  assert.throws(() => cartTotals([line(100, 1.5)]), RangeError);
  assert.throws(() => cartTotals([line(-1, 1)]), RangeError);
  assert.throws(() => cartTotals([line(9.99, 1)]), RangeError);
});
