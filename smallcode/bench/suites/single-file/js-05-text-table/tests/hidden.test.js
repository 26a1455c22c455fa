'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { formatTable } = require('./table.js');

test('default columns, numbers right-aligned', () => {
  const rows = [{ name: 'apple', qty: 3 }, { name: 'kiwi', qty: 120 }];
  assert.equal(formatTable(rows), [
    'name   qty',
    '-----  ---',
    'apple    3',
    'kiwi   120',
  ].join('\n'));
});

test('columns option and trailing spaces trimmed', () => {
  const rows = [{ a: 'x', b: 'longer value', c: 'hidden' }, { a: 'yyyy', b: 'z' }];
  assert.equal(formatTable(rows, { columns: ['b', 'a'] }), [
    'b             a',
    '------------  ----',
    'longer value  x',
    'z             yyyy',
  ].join('\n'));
});

test('explicit align and empty cells', () => {
  const rows = [{ id: 'a1', price: '9.50', note: null }, { id: 'b22', price: '10.00' }];
  const out = formatTable(rows, { align: { id: 'right', price: 'right' } });
  assert.equal(out, [
    ' id  price  note',
    '---  -----  ----',
    ' a1   9.50',
    'b22  10.00',
  ].join('\n'));
});

test('numbers can be forced left', () => {
  const out = formatTable([{ n: 5 }, { n: 1234 }], { align: { n: 'left' } });
  assert.equal(out, 'n\n----\n5\n1234');
});

test('empty input', () => {
  assert.equal(formatTable([]), '');
});
