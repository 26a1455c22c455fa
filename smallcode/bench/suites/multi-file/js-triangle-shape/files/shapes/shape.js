'use strict';

class Shape {
  get name() {
    return 'shape';
  }

  area() {
    throw new Error('not implemented');
  }

  describe() {
    return `${this.name} with area ${this.area().toFixed(2)}`;
  }
}

module.exports = { Shape };
