'use strict';

function decode(part) {
  return decodeURIComponent(part.replace(/\+/g, ' '));
}

function parse(query) {
  const result = {};
  const text = query.startsWith('?') ? query.slice(1) : query;
  for (const segment of text.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const key = decode(eq === -1 ? segment : segment.slice(0, eq));
    const value = eq === -1 ? '' : decode(segment.slice(eq + 1));
    if (Object.prototype.hasOwnProperty.call(result, key)) {
      if (Array.isArray(result[key])) result[key].push(value);
      else result[key] = [result[key], value];
    } else {
      result[key] = value;
    }
  }
  return result;
}

function stringify(obj) {
  const parts = [];
  for (const [key, value] of Object.entries(obj)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item === null || item === undefined) continue;
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  return parts.join('&');
}

module.exports = { parse, stringify };
