export type Currency = "EUR" | "USD";

export interface Money {
  amount: number;
  currency: Currency;
}

export function formatMoney(money: Money): string {
  return `${money.amount.toFixed(2)} ${money.currency}`;
}

export class Wallet {
  private entries: Money[] = [];

  deposit(money: Money): void {
    this.entries.push(money);
  }
}
