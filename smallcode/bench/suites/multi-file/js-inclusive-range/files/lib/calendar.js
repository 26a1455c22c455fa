'use strict';
const { range } = require('./range');

function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day numbers 1..N of a month (month is 1-based). */
function daysOfMonth(year, month) {
  return range(1, daysInMonth(year, month));
}

module.exports = { daysOfMonth, daysInMonth };
