export const LOAN_DAYS = 14;

export interface Book {
  isbn: string;
  title: string;
  author: string;
  year: number;
  tags?: string[];
}

export interface Loan {
  isbn: string;
  member: string;
  due: Date;
}

export type LoanStatus = 'available' | 'on-loan' | 'overdue';

export function addBook(catalog: Map<string, Book>, book: Book): void {
  if (catalog.has(book.isbn)) {
    throw new Error(`duplicate ISBN ${book.isbn}`);
  }
  catalog.set(book.isbn, { ...book, tags: book.tags ? [...book.tags] : [] });
}

export function checkout(catalog: Map<string, Book>, loans: Loan[], isbn: string, member: string, today: Date): Loan {
  if (!catalog.has(isbn)) throw new Error(`unknown ISBN ${isbn}`);
  if (loans.some((loan) => loan.isbn === isbn)) throw new Error(`${isbn} is already on loan`);
  const due = new Date(today.getTime());
  due.setDate(due.getDate() + LOAN_DAYS);
  const loan: Loan = { isbn, member, due };
  loans.push(loan);
  return loan;
}

export function giveBack(loans: Loan[], isbn: string): boolean {
  const index = loans.findIndex((loan) => loan.isbn === isbn);
  if (index === -1) return false;
  loans.splice(index, 1);
  return true;
}

export function status(loans: Loan[], isbn: string, today: Date): LoanStatus {
  const loan = loans.find((l) => l.isbn === isbn);
  if (!loan) return 'available';
  return loan.due.getTime() < today.getTime() ? 'overdue' : 'on-loan';
}

export function booksBy(catalog: Map<string, Book>, author: string): Book[] {
  const wanted = author.toLowerCase();
  return [...catalog.values()]
    .filter((book) => book.author.toLowerCase() === wanted)
    .sort((a, b) => a.year - b.year || a.title.localeCompare(b.title));
}
