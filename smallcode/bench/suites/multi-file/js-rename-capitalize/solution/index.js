'use strict';
const strings = require('./lib/strings');
const { titleCase } = require('./lib/titles');

function heading(text) {
  return `# ${titleCase(text)}`;
}

function label(word) {
  return strings.capitalize(word) + ':';
}

module.exports = { heading, label };
