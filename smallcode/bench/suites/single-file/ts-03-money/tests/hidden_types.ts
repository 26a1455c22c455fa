import { Money } from './money';

const a: Money = Money.of('1.00', 'EUR');
const cents: number = a.cents;
const currency: string = a.currency;
const parts: Money[] = a.allocate([1, 2]);
const same: boolean = a.equals(Money.fromCents(100, 'EUR'));
// @ts-expect-error cents is readonly
a.cents = 5;
// @ts-expect-error add takes a Money
a.add(5);

export const used = [cents, currency, parts, same];
