'use strict';
const { formatDate } = require('./format');

function logLine(date, level, message) {
  return `[${formatDate(date, { withTime: true })}] ${level.toUpperCase()} ${message}`;
}

module.exports = { logLine };
