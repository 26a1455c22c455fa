export class Money {
  private constructor(readonly cents: number, readonly currency: string) {}

  static fromCents(cents: number, currency: string): Money {
    if (!Number.isInteger(cents)) throw new Error(`cents must be an integer, got ${cents}`);
    return new Money(cents, currency);
  }

  static of(amount: string, currency: string): Money {
    const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
    if (!match) throw new Error(`invalid amount: ${amount}`);
    const whole = Number(match[2]);
    const fraction = Number((match[3] ?? '').padEnd(2, '0'));
    const cents = whole * 100 + fraction;
    return new Money(match[1] ? -cents : cents, currency);
  }

  add(other: Money): Money {
    this.assertSame(other);
    return new Money(this.cents + other.cents, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSame(other);
    return new Money(this.cents - other.cents, this.currency);
  }

  multiply(factor: number): Money {
    const raw = this.cents * factor;
    const rounded = Math.sign(raw) * Math.round(Math.abs(raw));
    return new Money(rounded === 0 ? 0 : rounded, this.currency);
  }

  allocate(ratios: number[]): Money[] {
    const total = ratios.reduce((sum, r) => sum + r, 0);
    if (ratios.length === 0 || total <= 0) throw new Error('ratios must have a positive sum');
    const parts = ratios.map((r) => Math.trunc((this.cents * r) / total));
    let remainder = this.cents - parts.reduce((sum, p) => sum + p, 0);
    const step = Math.sign(remainder);
    for (let i = 0; remainder !== 0; i = (i + 1) % parts.length) {
      parts[i] += step;
      remainder -= step;
    }
    return parts.map((p) => new Money(p, this.currency));
  }

  equals(other: Money): boolean {
    return this.cents === other.cents && this.currency === other.currency;
  }

  toString(): string {
    const sign = this.cents < 0 ? '-' : '';
    const abs = Math.abs(this.cents);
    const fraction = String(abs % 100).padStart(2, '0');
    return `${sign}${Math.floor(abs / 100)}.${fraction} ${this.currency}`;
  }

  private assertSame(other: Money): void {
    if (other.currency !== this.currency) {
      throw new Error(`currency mismatch: ${this.currency} vs ${other.currency}`);
    }
  }
}
