import { Cart } from './cart.js';

const formatPrice = (value) => value.toFixed(2);

const cart = new Cart();
cart.addItem('apple', 1.5);
console.log(formatPrice(cart.total()));
