'use strict';

const LOAN_DAYS = 14;

function addBook(catalog, book) {
  if (catalog.has(book.isbn)) {
    throw new Error(`duplicate ISBN ${book.isbn}`);
  }
  catalog.set(book.isbn, { ...book, tags: book.tags ? [...book.tags] : [] });
}

function checkout(catalog, loans, isbn, member, today) {
  if (!catalog.has(isbn)) throw new Error(`unknown ISBN ${isbn}`);
  if (loans.some((loan) => loan.isbn === isbn)) throw new Error(`${isbn} is already on loan`);
  const due = new Date(today.getTime());
  due.setDate(due.getDate() + LOAN_DAYS);
  const loan = { isbn, member, due };
  loans.push(loan);
  return loan;
}

function giveBack(loans, isbn) {
  const index = loans.findIndex((loan) => loan.isbn === isbn);
  if (index === -1) return false;
  loans.splice(index, 1);
  return true;
}

function status(loans, isbn, today) {
  const loan = loans.find((l) => l.isbn === isbn);
  if (!loan) return 'available';
  return loan.due.getTime() < today.getTime() ? 'overdue' : 'on-loan';
}

function booksBy(catalog, author) {
  const wanted = author.toLowerCase();
  return [...catalog.values()]
    .filter((book) => book.author.toLowerCase() === wanted)
    .sort((a, b) => a.year - b.year || a.title.localeCompare(b.title));
}

module.exports = { LOAN_DAYS, addBook, checkout, giveBack, status, booksBy };
