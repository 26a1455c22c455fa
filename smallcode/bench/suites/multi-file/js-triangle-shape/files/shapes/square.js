'use strict';
const { Shape } = require('./shape');

class Square extends Shape {
  constructor(side) {
    super();
    this.side = side;
  }

  get name() {
    return 'square';
  }

  area() {
    return this.side * this.side;
  }
}

module.exports = { Square };
