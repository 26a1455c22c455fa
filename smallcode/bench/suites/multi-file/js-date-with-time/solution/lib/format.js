'use strict';

const pad = (n) => String(n).padStart(2, '0');

function formatDate(date, options = {}) {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  if (!options.withTime) return day;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

module.exports = { formatDate };
