'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { Shape } = require('./shapes/shape');
const { Triangle } = require('./shapes/triangle');
const { fromSpec } = require('./shapes/index');

test('triangle', () => {
  const t = new Triangle(3, 4, 5);
  assert.ok(t instanceof Shape);
  assert.strictEqual(t.area(), 6);
  assert.strictEqual(t.describe(), 'triangle with area 6.00');
});

test('fromSpec', () => {
  assert.strictEqual(fromSpec({ type: 'triangle', sides: [5, 5, 6] }).area(), 12);
  assert.strictEqual(fromSpec({ type: 'square', side: 2 }).area(), 4);
  assert.throws(() => fromSpec({ type: 'hexagon' }), /unknown shape/);
});
