'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parseCSV, toObjects } = require('./csv.js');

test('simple rows and trailing newline', () => {
  assert.deepEqual(parseCSV('a,b,c\n1,2,3\n'), [['a', 'b', 'c'], ['1', '2', '3']]);
  assert.deepEqual(parseCSV('a,b\r\n1,2'), [['a', 'b'], ['1', '2']]);
  assert.deepEqual(parseCSV(''), []);
});

test('quoted fields', () => {
  const text = 'name,note\n"Smith, Jo","said ""hi""\nthen left"\nx,""\n';
  assert.deepEqual(parseCSV(text), [['name', 'note'], ['Smith, Jo', 'said "hi"\nthen left'], ['x', '']]);
});

test('empty fields and empty line in the middle', () => {
  assert.deepEqual(parseCSV(',a,\n\nb'), [['', 'a', ''], [''], ['b']]);
});

test('custom delimiter', () => {
  assert.deepEqual(parseCSV('a;"b;c";d\r\n', { delimiter: ';' }), [['a', 'b;c', 'd']]);
});

test('unterminated quote throws', () => {
  assert.throws(() => parseCSV('a,"oops\n1,2'), /unterminated/);
});

test('toObjects', () => {
  const text = 'id,name,city\n1,Ann,Oslo\n2,Bob\n3,Cy,Rome,extra\n';
  assert.deepEqual(toObjects(text), [
    { id: '1', name: 'Ann', city: 'Oslo' },
    { id: '2', name: 'Bob', city: '' },
    { id: '3', name: 'Cy', city: 'Rome' },
  ]);
  assert.deepEqual(toObjects('a|b\n1|2', { delimiter: '|' }), [{ a: '1', b: '2' }]);
});
