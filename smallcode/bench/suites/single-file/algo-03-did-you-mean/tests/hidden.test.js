'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { editDistance, didYouMean } = require('./suggest.js');

test('edit distance basics', () => {
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('', 'ab'), 2);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('flaw', 'lawn'), 2);
  assert.equal(editDistance('same', 'same'), 0);
});

test('transpositions cost one', () => {
  assert.equal(editDistance('biuld', 'build'), 1);
  assert.equal(editDistance('ab', 'ba'), 1);
  assert.equal(editDistance('ca', 'abc'), 3);
  assert.equal(editDistance('abcdef', 'badcfe'), 3);
});

test('symmetric on random strings', () => {
  const words = ['install', 'instal', 'uninstall', 'list', 'lsit', 'init', 'deploy', 'delpoy', 'x'];
  for (const a of words) for (const b of words) assert.equal(editDistance(a, b), editDistance(b, a));
});

test('didYouMean ordering and limits', () => {
  const commands = ['build', 'bundle', 'guild', 'test', 'init', 'install'];
  assert.deepEqual(didYouMean('biuld', commands), ['build', 'guild']);
  assert.deepEqual(didYouMean('tset', commands), ['test']);
  assert.deepEqual(didYouMean('instal', commands, { maxDistance: 1 }), ['install']);
  assert.deepEqual(didYouMean('zzzzzz', commands), []);
});

test('case handling and exact matches', () => {
  const commands = ['Build', 'build-all', 'Deploy'];
  assert.deepEqual(didYouMean('BUILD', commands), ['Build']);
  assert.deepEqual(didYouMean('deplyo', commands), ['Deploy']);
  assert.deepEqual(didYouMean('deplyo', commands, { caseSensitive: true, maxDistance: 1 }), []);
  assert.deepEqual(didYouMean('deplyo', commands, { caseSensitive: true }), ['Deploy']);
  assert.deepEqual(didYouMean('build', commands, { caseSensitive: true }), ['Build']);
  assert.deepEqual(didYouMean('Deplyo', commands, { caseSensitive: true }), ['Deploy']);
});

test('long strings are fine', () => {
  const a = 'a'.repeat(400) + 'xy';
  const b = 'a'.repeat(400) + 'yx';
  assert.equal(editDistance(a, b), 1);
});
