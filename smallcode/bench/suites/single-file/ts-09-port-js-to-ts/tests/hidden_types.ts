import { Book, Loan, LoanStatus, addBook, booksBy, checkout, giveBack, status } from './library';

const catalog = new Map<string, Book>();
const book: Book = { isbn: '1', title: 't', author: 'a', year: 2000 };
addBook(catalog, book);
const loans: Loan[] = [];
const loan: Loan = checkout(catalog, loans, '1', 'm', new Date());
const back: boolean = giveBack(loans, '1');
const s: LoanStatus = status(loans, '1', new Date());
const list: Book[] = booksBy(catalog, 'a');
const due: Date = loan.due;

// @ts-expect-error year is a number
const badBook: Book = { isbn: '1', title: 't', author: 'a', year: '2000' };
// @ts-expect-error status is a closed union
const badStatus: LoanStatus = 'lost';
// @ts-expect-error status returns LoanStatus, not string-compatible with number
const n: number = status(loans, '1', new Date());
// @ts-expect-error today must be a Date
checkout(catalog, loans, '1', 'm', '2024-01-01');

export const used = [back, s, list, due, badBook, badStatus, n];
