'use strict';
const { Shape } = require('./shape');

class Triangle extends Shape {
  constructor(a, b, c) {
    super();
    this.sides = [a, b, c];
  }

  get name() {
    return 'triangle';
  }

  area() {
    const [a, b, c] = this.sides;
    const s = (a + b + c) / 2;
    return Math.sqrt(s * (s - a) * (s - b) * (s - c));
  }
}

module.exports = { Triangle };
