'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const E = require('./.hidden_out/events.js');

const DAY1 = Date.UTC(2024, 4, 1, 10);
const DAY2 = Date.UTC(2024, 4, 2, 23, 59);

test('parseEvent validates untrusted input', () => {
  assert.deepEqual(E.parseEvent({ id: 'e1', type: 'view', userId: 'u1', timestamp: DAY1, extra: 1 }),
    { id: 'e1', type: 'view', userId: 'u1', timestamp: DAY1 });
  assert.deepEqual(E.parseEvent({ id: 'e2', type: 'purchase', userId: 'u1', timestamp: DAY1, amountCents: 999 }),
    { id: 'e2', type: 'purchase', userId: 'u1', timestamp: DAY1, amountCents: 999 });
  for (const bad of [null, 'x', 5, { id: 1, type: 'view', userId: 'u', timestamp: 0 }, { id: 'a', type: 'hover', userId: 'u', timestamp: 0 },
    { id: 'a', type: 'view', userId: 'u', timestamp: NaN }, { id: 'a', type: 'purchase', userId: 'u', timestamp: 0 },
    { id: 'a', type: 'purchase', userId: 'u', timestamp: 0, amountCents: -1 }]) {
    assert.equal(E.parseEvent(bad), null, JSON.stringify(bad));
  }
});

test('dailyStats and conversionRate', () => {
  const events = [
    { id: '1', type: 'view', userId: 'a', timestamp: DAY2 },
    { id: '2', type: 'view', userId: 'a', timestamp: DAY1 },
    { id: '3', type: 'click', userId: 'b', timestamp: DAY1 },
    { id: '4', type: 'purchase', userId: 'b', timestamp: DAY1, amountCents: 500 },
    { id: '5', type: 'view', userId: 'c', timestamp: DAY1 },
  ];
  const stats = E.dailyStats(events);
  assert.deepEqual(stats, [
    { day: '2024-05-01', views: 2, clicks: 1, purchases: 1, revenueCents: 500 },
    { day: '2024-05-02', views: 1, clicks: 0, purchases: 0, revenueCents: 0 },
  ]);
  assert.equal(E.conversionRate(stats[0]), 0.5);
  assert.equal(E.conversionRate({ day: 'x', views: 0, clicks: 0, purchases: 3, revenueCents: 0 }), 0);
});

test('topUsers', () => {
  const events = [
    { id: '1', type: 'purchase', userId: 'b', timestamp: 0, amountCents: 300 },
    { id: '2', type: 'purchase', userId: 'a', timestamp: 0, amountCents: 300 },
    { id: '3', type: 'purchase', userId: 'c', timestamp: 0, amountCents: 100 },
    { id: '4', type: 'purchase', userId: 'c', timestamp: 0, amountCents: 250 },
    { id: '5', type: 'view', userId: 'd', timestamp: 0 },
  ];
  assert.deepEqual(E.topUsers(events, 2), [{ userId: 'c', cents: 350 }, { userId: 'a', cents: 300 }]);
  assert.deepEqual(E.topUsers([], 5), []);
});
