'use strict';
const fs = require('node:fs/promises');

async function readConfig(path) {
  const text = await fs.readFile(path, 'utf8');
  return JSON.parse(text);
}

module.exports = { readConfig };
