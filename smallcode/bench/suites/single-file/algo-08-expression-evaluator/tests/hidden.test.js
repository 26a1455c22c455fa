'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { evaluate } = require('./.hidden_out/expr.js');

test('arithmetic and precedence', () => {
  assert.equal(evaluate('1 + 2 * 3'), 7);
  assert.equal(evaluate('(1 + 2) * 3'), 9);
  assert.equal(evaluate('10 - 4 - 3'), 3);
  assert.equal(evaluate('100 / 10 / 5'), 2);
  assert.equal(evaluate('7 % 4 * 2'), 6);
  assert.equal(evaluate('.5 + 0.25 + 3.'), 3.75);
  assert.equal(evaluate('  2*   ( 3+4 ) '), 14);
});

test('power and unary', () => {
  assert.equal(evaluate('2^3^2'), 512);
  assert.equal(evaluate('-2^2'), -4);
  assert.equal(evaluate('(-2)^2'), 4);
  assert.equal(evaluate('2^-1'), 0.5);
  assert.equal(evaluate('--3'), 3);
  assert.equal(evaluate('-+-3'), 3);
  assert.equal(evaluate('2 * -3'), -6);
});

test('variables and functions', () => {
  const vars = { price: 12.5, qty: 4, discount_pct: 10 };
  assert.equal(evaluate('price * qty * (1 - discount_pct / 100)', vars), 45);
  assert.equal(evaluate('max(1, 5, 3) + min(4, -2)'), 3);
  assert.equal(evaluate('abs(-7) + round(2.5) + round(2.4)'), 12);
  assert.equal(evaluate('max(min(3, qty), 2) ^ 2', vars), 9);
});

test('syntax errors report positions', () => {
  assert.throws(() => evaluate('1 + $'), /position 4/);
  assert.throws(() => evaluate('(1 + 2'), /position 6/);
  assert.throws(() => evaluate('1 2'), /position 2/);
  assert.throws(() => evaluate('3 * * 4'), /position 4/);
  assert.throws(() => evaluate(''), /position 0/);
});

test('unknown names and division by zero', () => {
  assert.throws(() => evaluate('a + 1'), /\ba\b/);
  assert.throws(() => evaluate('sqrt(4)'), /sqrt/);
  assert.throws(() => evaluate('1 / (2 - 2)'), /division by zero/);
  assert.throws(() => evaluate('5 % 0'), /division by zero/);
  assert.throws(() => evaluate('toString', {}), /toString/);
});
