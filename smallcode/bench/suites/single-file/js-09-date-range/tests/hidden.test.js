'use strict';
process.env.TZ = 'Europe/Berlin';
const test = require('node:test');
const assert = require('node:assert/strict');
const { eachDay, addDays, businessDaysBetween, isValidDate } = require('./dates.js');

test('eachDay across month end and leap day', () => {
  assert.deepEqual(eachDay('2024-02-27', '2024-03-02'), ['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
  assert.deepEqual(eachDay('2023-12-31', '2024-01-01'), ['2023-12-31', '2024-01-01']);
  assert.deepEqual(eachDay('2024-05-05', '2024-05-05'), ['2024-05-05']);
  assert.deepEqual(eachDay('2024-05-06', '2024-05-05'), []);
});

test('eachDay across DST change', () => {
  const days = eachDay('2024-03-30', '2024-04-01');
  assert.deepEqual(days, ['2024-03-30', '2024-03-31', '2024-04-01']);
  assert.equal(eachDay('2024-10-26', '2024-10-28').length, 3);
  assert.equal(eachDay('2024-01-01', '2024-12-31').length, 366);
});

test('addDays', () => {
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2023-02-28', 1), '2023-03-01');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(addDays('2024-03-31', 0), '2024-03-31');
  assert.equal(addDays('2024-12-25', 10), '2025-01-04');
});

test('businessDaysBetween', () => {
  assert.equal(businessDaysBetween('2024-06-03', '2024-06-09'), 5); // Mon..Sun
  assert.equal(businessDaysBetween('2024-06-08', '2024-06-09'), 0);
  assert.equal(businessDaysBetween('2024-06-07', '2024-06-10'), 2);
  assert.equal(businessDaysBetween('2024-01-01', '2024-12-31'), 262);
});

test('isValidDate', () => {
  assert.equal(isValidDate('2024-02-29'), true);
  assert.equal(isValidDate('2023-02-29'), false);
  assert.equal(isValidDate('2024-13-01'), false);
  assert.equal(isValidDate('2024-1-01'), false);
  assert.equal(isValidDate('2024-04-31'), false);
  assert.equal(isValidDate('hello'), false);
  assert.equal(isValidDate(20240101), false);
});

test('invalid input throws RangeError', () => {
  assert.throws(() => eachDay('2024-02-30', '2024-03-01'), RangeError);
  assert.throws(() => addDays('nope', 1), RangeError);
  assert.throws(() => businessDaysBetween('2024-01-01', '2024-00-01'), RangeError);
});
