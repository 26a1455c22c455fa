'use strict';
const { formatDate } = require('./format');

function reportTitle(date) {
  return `Report for ${formatDate(date)}`;
}

module.exports = { reportTitle };
