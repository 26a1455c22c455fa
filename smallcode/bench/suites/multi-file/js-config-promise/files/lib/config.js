'use strict';
const fs = require('node:fs');

function readConfig(path, callback) {
  fs.readFile(path, 'utf8', (err, text) => {
    if (err) return callback(err);
    let data;
    try {
      data = JSON.parse(text);
    } catch (parseError) {
      return callback(parseError);
    }
    callback(null, data);
  });
}

module.exports = { readConfig };
