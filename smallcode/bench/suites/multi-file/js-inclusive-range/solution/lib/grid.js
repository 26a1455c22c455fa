'use strict';
const { range } = require('./range');

/** Row labels 1..rows. */
function rowLabels(rows) {
  return range(1, rows).map((n) => `row ${n}`);
}

module.exports = { rowLabels };
