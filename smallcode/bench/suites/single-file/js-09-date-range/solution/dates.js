'use strict';

const DAY_MS = 24 * 60 * 60 * 1000;

function isValidDate(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function toMs(text) {
  if (!isValidDate(text)) throw new RangeError(`invalid date: ${text}`);
  const [y, m, d] = text.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromMs(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function addDays(date, n) {
  return fromMs(toMs(date) + n * DAY_MS);
}

function eachDay(start, end) {
  const out = [];
  const last = toMs(end);
  for (let ms = toMs(start); ms <= last; ms += DAY_MS) out.push(fromMs(ms));
  return out;
}

function businessDaysBetween(start, end) {
  return eachDay(start, end).filter((day) => {
    const weekday = new Date(toMs(day)).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }).length;
}

module.exports = { eachDay, addDays, businessDaysBetween, isValidDate };
