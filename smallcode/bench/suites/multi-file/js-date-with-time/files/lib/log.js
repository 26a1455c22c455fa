'use strict';
const { formatDate } = require('./format');

function logLine(date, level, message) {
  return `[${formatDate(date)}] ${level.toUpperCase()} ${message}`;
}

module.exports = { logLine };
