'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { readConfig } = require('./lib/config');
const { loadApp } = require('./app');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));
const good = path.join(dir, 'good.json');
const bad = path.join(dir, 'bad.json');
fs.writeFileSync(good, JSON.stringify({ name: 'svc' }));
fs.writeFileSync(bad, '{ nope');

test('readConfig returns a promise', async () => {
  const pending = readConfig(good);
  assert.ok(pending instanceof Promise);
  assert.deepStrictEqual(await pending, { name: 'svc' });
  await assert.rejects(readConfig(bad));
  await assert.rejects(readConfig(path.join(dir, 'missing.json')));
});

test('loadApp', async () => {
  assert.deepStrictEqual(await loadApp(good), { name: 'svc', port: 8080 });
  await assert.rejects(loadApp(bad));
});
