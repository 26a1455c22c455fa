'use strict';
const { capitalize } = require('./strings');

const SMALL = new Set(['a', 'an', 'the', 'of', 'and']);

function titleCase(text) {
  return text
    .split(' ')
    .map((word, i) => (i > 0 && SMALL.has(word.toLowerCase()) ? word.toLowerCase() : capitalize(word)))
    .join(' ');
}

module.exports = { titleCase };
