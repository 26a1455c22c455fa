'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { loadProfile, loadProfiles } = require('./profile.js');

const tick = () => new Promise((resolve) => setImmediate(resolve));

function fakeDb() {
  const users = {
    1: { id: 1, name: 'Ann', addressId: 10 },
    2: { id: 2, name: 'Bob', addressId: null },
    3: { id: 3, name: 'Cy', addressId: 99 },
  };
  const orders = { 1: [{ cents: 1250 }, { cents: 300 }], 2: [], 3: [{ cents: 5 }] };
  const addresses = { 10: { street: '1 Main St', city: 'Oslo' } };
  const db = {
    inFlight: 0,
    peak: 0,
    async getUser(id) {
      db.inFlight++;
      db.peak = Math.max(db.peak, db.inFlight);
      await tick();
      await tick();
      db.inFlight--;
      if (id === 666) throw new Error('connection reset');
      return users[id] || null;
    },
    async getOrders(userId) {
      await tick();
      return orders[userId];
    },
    async getAddress(addressId) {
      await tick();
      return addresses[addressId] || null;
    },
  };
  return db;
}

test('loadProfile resolves the same objects as before', async () => {
  const db = fakeDb();
  assert.deepEqual(await loadProfile(db, 1), { id: 1, name: 'Ann', orderCount: 2, totalCents: 1550, address: '1 Main St, Oslo' });
  assert.deepEqual(await loadProfile(db, 2), { id: 2, name: 'Bob', orderCount: 0, totalCents: 0, address: null });
  assert.deepEqual(await loadProfile(db, 3), { id: 3, name: 'Cy', orderCount: 1, totalCents: 5, address: null });
});

test('errors become rejections', async () => {
  const db = fakeDb();
  await assert.rejects(loadProfile(db, 42), /user 42 not found/);
  await assert.rejects(loadProfile(db, 666), /connection reset/);
  await assert.rejects(loadProfiles(db, [1, 42]), /user 42 not found/);
});

test('loadProfiles keeps order and runs in parallel', async () => {
  const db = fakeDb();
  const profiles = await loadProfiles(db, [3, 1, 2]);
  assert.deepEqual(profiles.map((p) => p.id), [3, 1, 2]);
  assert.ok(db.peak >= 2, 'profiles must load in parallel');
  assert.deepEqual(await loadProfiles(db, []), []);
});

test('async functions without callbacks', () => {
  assert.equal(loadProfile.constructor.name, 'AsyncFunction');
  assert.equal(loadProfiles.constructor.name, 'AsyncFunction');
  assert.equal(loadProfile.length, 2);
  assert.equal(loadProfiles.length, 2);
  const source = fs.readFileSync('profile.js', 'utf8').replace(/\/\/.*$/gm, '');
  assert.ok(!/callback|\bcb\b/.test(source), 'no callback parameters left');
  assert.ok(!/\.then\s*\(/.test(source), 'use await instead of .then');
  assert.ok(/\bawait\b/.test(source));
});
