'use strict';
const { Square } = require('./square');

function fromSpec(spec) {
  switch (spec.type) {
    case 'square':
      return new Square(spec.side);
    default:
      throw new Error(`unknown shape: ${spec.type}`);
  }
}

module.exports = { fromSpec };
