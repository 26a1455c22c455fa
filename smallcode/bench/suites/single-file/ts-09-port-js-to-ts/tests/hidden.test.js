'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const L = require('./.hidden_out/library.js');

const books = [
  { isbn: '111', title: 'Zebra Days', author: 'Ann Lee', year: 2001, tags: ['kids'] },
  { isbn: '222', title: 'Apple Trees', author: 'ann lee', year: 2001 },
  { isbn: '333', title: 'Old Roads', author: 'Ann Lee', year: 1999 },
  { isbn: '444', title: 'Other', author: 'Bo Kim', year: 2010 },
];

function fresh() {
  const catalog = new Map();
  books.forEach((b) => L.addBook(catalog, b));
  return catalog;
}

test('js file kept', () => {
  assert.ok(fs.existsSync('library.js'));
});

test('addBook copies and rejects duplicates', () => {
  const catalog = fresh();
  assert.deepEqual(catalog.get('222').tags, []);
  assert.notEqual(catalog.get('111').tags, books[0].tags);
  assert.throws(() => L.addBook(catalog, books[0]), /duplicate/);
});

test('checkout, status, giveBack', () => {
  const catalog = fresh();
  const loans = [];
  const today = new Date(2024, 0, 10);
  const loan = L.checkout(catalog, loans, '111', 'mia', today);
  assert.equal(loan.member, 'mia');
  assert.equal(loan.due.getDate(), 24);
  assert.equal(L.status(loans, '111', today), 'on-loan');
  assert.equal(L.status(loans, '111', new Date(2024, 0, 25)), 'overdue');
  assert.equal(L.status(loans, '222', today), 'available');
  assert.throws(() => L.checkout(catalog, loans, '111', 'tom', today), /already/);
  assert.throws(() => L.checkout(catalog, loans, '999', 'tom', today), /unknown/);
  assert.equal(L.giveBack(loans, '111'), true);
  assert.equal(L.giveBack(loans, '111'), false);
  assert.equal(L.status(loans, '111', today), 'available');
});

test('booksBy sorts by year then title', () => {
  assert.deepEqual(L.booksBy(fresh(), 'ANN LEE').map((b) => b.isbn), ['333', '222', '111']);
  assert.deepEqual(L.booksBy(fresh(), 'nobody'), []);
});
