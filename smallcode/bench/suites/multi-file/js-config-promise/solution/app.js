'use strict';
const { readConfig } = require('./lib/config');

async function loadApp(path) {
  const config = await readConfig(path);
  return { name: config.name, port: config.port ?? 8080 };
}

module.exports = { loadApp };
