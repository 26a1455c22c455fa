'use strict';

const pad = (n) => String(n).padStart(2, '0');

function formatDate(date) {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

module.exports = { formatDate };
