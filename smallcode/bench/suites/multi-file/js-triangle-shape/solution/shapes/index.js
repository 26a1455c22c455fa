'use strict';
const { Square } = require('./square');
const { Triangle } = require('./triangle');

function fromSpec(spec) {
  switch (spec.type) {
    case 'square':
      return new Square(spec.side);
    case 'triangle':
      return new Triangle(...spec.sides);
    default:
      throw new Error(`unknown shape: ${spec.type}`);
  }
}

module.exports = { fromSpec };
