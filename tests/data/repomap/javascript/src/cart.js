import { computeTax } from './tax.js';

export class Cart {
  constructor() {
    this.items = [];
  }

  addItem(name, price) {
    this.items.push({ name, price });
  }

  total() {
    const net = this.items.reduce((sum, item) => sum + item.price, 0);
    return net + computeTax(net);
  }
}
