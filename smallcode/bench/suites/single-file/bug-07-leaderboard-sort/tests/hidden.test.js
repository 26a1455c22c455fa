'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { topScores, rank, render } = require('./leaderboard.js');

test('topScores sorts numerically without mutating', () => {
  const scores = [9, 100, 25, 3, 1000, 25];
  assert.deepEqual(topScores(scores, 3), [1000, 100, 25]);
  assert.deepEqual(scores, [9, 100, 25, 3, 1000, 25]);
  assert.deepEqual(topScores([5], 3), [5]);
});

test('rank handles ties and keeps input order', () => {
  const players = [
    { name: 'zoe', score: 50 },
    { name: 'al', score: 9 },
    { name: 'bea', score: 100 },
    { name: 'cy', score: 50 },
  ];
  const copy = players.map((p) => ({ ...p }));
  assert.deepEqual(rank(players), [
    { rank: 1, name: 'bea', score: 100 },
    { rank: 2, name: 'cy', score: 50 },
    { rank: 2, name: 'zoe', score: 50 },
    { rank: 4, name: 'al', score: 9 },
  ]);
  assert.deepEqual(players, copy);
});

test('render', () => {
  const players = [{ name: 'a', score: 9 }, { name: 'b', score: 100 }];
  assert.equal(render(players), '1. b (100)\n2. a (9)');
  assert.equal(players[0].name, 'a');
  assert.equal(render([]), '');
});
