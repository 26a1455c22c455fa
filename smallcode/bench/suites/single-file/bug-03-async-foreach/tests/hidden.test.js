'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { importAll, validate } = require('./importer.js');

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function fakeDb({ failOn = [] } = {}) {
  const rows = [];
  let active = 0;
  let maxActive = 0;
  const save = async (record) => {
    active++;
    maxActive = Math.max(maxActive, active);
    await delay(record.slow ? 15 : 2);
    active--;
    if (failOn.includes(record.id)) throw new Error(`duplicate key ${record.id}`);
    rows.push(record.id);
  };
  return { rows, save, max: () => maxActive };
}

test('waits for every save, in order, one at a time', async () => {
  const db = fakeDb();
  const records = [
    { id: 'a', email: 'a@x.io', slow: true },
    { id: 'b', email: 'b@x.io' },
    { id: 'c', email: 'c@x.io', slow: true },
    { id: 'd', email: 'd@x.io' },
  ];
  const result = await importAll(records, db.save);
  assert.deepEqual(result, { saved: 4, failed: 0, errors: [] });
  assert.deepEqual(db.rows, ['a', 'b', 'c', 'd']);
  assert.equal(db.max(), 1);
});

test('failed saves are counted, not thrown', async () => {
  const db = fakeDb({ failOn: ['b'] });
  const records = [
    { id: 'a', email: 'a@x.io' },
    { id: 'b', email: 'b@x.io' },
    { id: '', email: 'nobody@x.io' },
    { id: 'c', email: 'not-an-email' },
    { id: 'd', email: 'd@x.io' },
  ];
  const result = await importAll(records, db.save);
  assert.equal(result.saved, 2);
  assert.equal(result.failed, 3);
  assert.deepEqual(result.errors, [
    { id: 'b', message: 'duplicate key b' },
    { id: '', message: 'missing id' },
    { id: 'c', message: 'invalid email' },
  ]);
  assert.deepEqual(db.rows, ['a', 'd']);
});

test('empty input and validate unchanged', async () => {
  assert.deepEqual(await importAll([], async () => {}), { saved: 0, failed: 0, errors: [] });
  assert.equal(validate(null), 'missing id');
  assert.equal(validate({ id: 'x', email: 'x@y' }), null);
});
