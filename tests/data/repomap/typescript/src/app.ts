import { Money, Wallet, formatMoney } from "./money";

export function run(): string {
  const wallet = new Wallet();
  const price: Money = { amount: 3, currency: "EUR" };
  wallet.deposit(price);
  return formatMoney(price);
}
