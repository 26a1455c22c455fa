'use strict';
const { readConfig } = require('./lib/config');

function loadApp(path) {
  return new Promise((resolve, reject) => {
    readConfig(path, (err, config) => {
      if (err) return reject(err);
      resolve({ name: config.name, port: config.port ?? 8080 });
    });
  });
}

module.exports = { loadApp };
