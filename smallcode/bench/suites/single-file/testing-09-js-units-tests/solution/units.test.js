'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { convertTemperature, formatTemperature, windChill } = require('./units.js');

const close = (actual, expected) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);

test('all unit pairs', () => {
  close(convertTemperature(100, 'C', 'F'), 212);
  close(convertTemperature(212, 'F', 'C'), 100);
  close(convertTemperature(0, 'C', 'K'), 273.15);
  close(convertTemperature(273.15, 'K', 'C'), 0);
  close(convertTemperature(-40, 'F', 'C'), -40);
  close(convertTemperature(32, 'F', 'K'), 273.15);
  close(convertTemperature(373.15, 'K', 'F'), 212);
  close(convertTemperature(21.5, 'C', 'C'), 21.5);
});

test('units are case-insensitive, unknown units throw TypeError', () => {
  close(convertTemperature(0, 'c', 'f'), 32);
  assert.throws(() => convertTemperature(1, 'X', 'C'), TypeError);
  assert.throws(() => convertTemperature(1, 'C', 'R'), TypeError);
});

test('absolute zero', () => {
  close(convertTemperature(-273.15, 'C', 'K'), 0);
  assert.throws(() => convertTemperature(-273.2, 'C', 'F'), RangeError);
  assert.throws(() => convertTemperature(-1, 'K', 'C'), RangeError);
  assert.throws(() => convertTemperature(-460, 'F', 'C'), RangeError);
});

test('formatting', () => {
  assert.equal(formatTemperature(21.456, 'c'), '21.5 °C');
  assert.equal(formatTemperature(70, 'F', 0), '70 °F');
  assert.equal(formatTemperature(294.65, 'k'), '294.6 K');
  assert.equal(formatTemperature(-0.04, 'C'), '0.0 °C');
  assert.equal(formatTemperature(-1.25, 'C', 2), '-1.25 °C');
});

test('wind chill inside its range', () => {
  assert.equal(windChill(-10, 30), -19.5);
  assert.equal(windChill(0, 20), -5.2);
  assert.equal(windChill(10, 5), 9.8);
});

test('wind chill outside its range returns the temperature', () => {
  assert.equal(windChill(10.5, 30), 10.5);
  assert.equal(windChill(-5, 4.8), -5);
  assert.equal(windChill(-5, 0), -5);
});
