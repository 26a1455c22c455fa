export interface Product {
  sku: string;
  name: string;
  price: number;
}

export interface Line {
  product: Product;
  quantity: number;
}

export interface Coupon {
  code: string;
  percentOff: number;
  minTotal?: number;
}

const COUPONS: Coupon[] = [
  { code: 'WELCOME10', percentOff: 10 },
  { code: 'BIG20', percentOff: 20, minTotal: 100 },
];

export class Cart {
  lines: Line[] = [];
  coupon: Coupon = null;

  add(product, quantity = 1) {
    const existing = this.lines.find((line) => line.product.sku === product.sku);
    if (existing) {
      existing.quantity += quantity;
    } else {
      this.lines.push({ product, quantity });
    }
  }

  updateQuantity(sku: string, quantity: number): void {
    const line = this.lines.find((l) => l.product.sku === sku);
    if (quantity <= 0) {
      this.lines = this.lines.filter((l) => l !== line);
      return;
    }
    line.quantity = quantity;
  }

  lineTotal(sku: string): number {
    const line = this.lines.find((l) => l.product.sku === sku);
    return line.product.price * line.quantity;
  }

  subtotal(): number {
    return this.lines.reduce((sum, line) => sum + line.product.price * line.quantity, 0);
  }

  applyCoupon(code: string): boolean {
    const coupon = findCoupon(code);
    if (!coupon || (coupon.minTotal && this.subtotal() < coupon.minTotal)) {
      return false;
    }
    this.coupon = coupon;
    return true;
  }

  total(): number {
    const subtotal = this.subtotal();
    const discount = this.coupon ? (subtotal * this.coupon.percentOff) / 100 : 0;
    return Math.round((subtotal - discount) * 100) / 100;
  }
}

export function findCoupon(code) {
  return COUPONS.find((c) => c.code === code.toUpperCase()) || null;
}

export function summarize(cart: Cart) {
  const counts = {};
  for (const line of cart.lines) {
    counts[line.product.sku] = line.quantity;
  }
  return { counts, total: cart.total() };
}
