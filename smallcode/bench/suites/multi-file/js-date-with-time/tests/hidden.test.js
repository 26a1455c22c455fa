'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { formatDate } = require('./lib/format');
const { logLine } = require('./lib/log');
const { reportTitle } = require('./lib/report');

const when = new Date(Date.UTC(2024, 0, 5, 7, 3, 9));

test('formatDate options', () => {
  assert.strictEqual(formatDate(when), '2024-01-05');
  assert.strictEqual(formatDate(when, { withTime: true }), '2024-01-05 07:03');
  assert.strictEqual(formatDate(when, { withTime: false }), '2024-01-05');
});

test('log lines carry the time', () => {
  assert.strictEqual(logLine(when, 'warn', 'disk low'), '[2024-01-05 07:03] WARN disk low');
  assert.strictEqual(reportTitle(when), 'Report for 2024-01-05');
});
