'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Cart, findCoupon, summarize } = require('./.hidden_out/cart.js');

const apple = { sku: 'A1', name: 'Apple', price: 0.5 };
const tea = { sku: 'T9', name: 'Tea', price: 60 };

test('add, merge and totals', () => {
  const cart = new Cart();
  cart.add(apple, 3);
  cart.add(apple);
  cart.add(tea);
  assert.equal(cart.lines.length, 2);
  assert.equal(cart.lineTotal('A1'), 2);
  assert.equal(cart.subtotal(), 62);
  assert.deepEqual(summarize(cart), { counts: { A1: 4, T9: 1 }, total: 62 });
});

test('updateQuantity', () => {
  const cart = new Cart();
  cart.add(apple, 2);
  cart.add(tea);
  cart.updateQuantity('A1', 10);
  assert.equal(cart.lineTotal('A1'), 5);
  cart.updateQuantity('T9', 0);
  assert.deepEqual(cart.lines.map((l) => l.product.sku), ['A1']);
  assert.throws(() => cart.updateQuantity('ZZ', 1), /ZZ/);
  assert.throws(() => cart.lineTotal('ZZ'), /ZZ/);
});

test('coupons', () => {
  assert.equal(findCoupon('nope'), undefined);
  assert.equal(findCoupon('welcome10').percentOff, 10);
  const cart = new Cart();
  cart.add(tea);
  assert.equal(cart.applyCoupon('BIG20'), false);
  assert.equal(cart.coupon, null);
  cart.add(tea);
  assert.equal(cart.applyCoupon('big20'), true);
  assert.equal(cart.total(), 96);
  assert.equal(cart.applyCoupon('unknown'), false);
  assert.equal(cart.total(), 96);
});
