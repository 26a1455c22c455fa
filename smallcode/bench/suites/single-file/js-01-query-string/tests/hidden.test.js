'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parse, stringify } = require('./qs.js');

test('parse basics', () => {
  assert.deepEqual(parse('a=1&b=two'), { a: '1', b: 'two' });
  assert.deepEqual(parse('?a=1'), { a: '1' });
  assert.deepEqual(parse(''), {});
  assert.deepEqual(parse('?'), {});
});

test('parse decoding', () => {
  assert.deepEqual(parse('q=hello+world&x=%C3%A9t%C3%A9&k%20y=a%26b%3Dc'), { q: 'hello world', x: 'été', 'k y': 'a&b=c' });
  assert.deepEqual(parse('eq=a=b'), { eq: 'a=b' });
});

test('parse repeated keys, flags and empty segments', () => {
  assert.deepEqual(parse('t=a&t=b&x=1&t=c'), { t: ['a', 'b', 'c'], x: '1' });
  assert.deepEqual(parse('debug&a=1&&b=2&'), { debug: '', a: '1', b: '2' });
});

test('stringify', () => {
  assert.equal(stringify({ a: 1, b: 'two words', c: 'a&b' }), 'a=1&b=two%20words&c=a%26b');
  assert.equal(stringify({ t: ['x', 'y'], n: null, u: undefined, z: 0 }), 't=x&t=y&z=0');
  assert.equal(stringify({}), '');
});

test('round trip', () => {
  const obj = { name: 'Zoë & co', tags: ['a b', 'c'], empty: '' };
  assert.deepEqual(parse(stringify(obj)), obj);
});
