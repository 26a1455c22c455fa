'use strict';
const test = require('node:test');
const assert = require('node:assert');
const strings = require('./lib/strings');
const { heading, label } = require('./index');

test('new name', () => {
  assert.strictEqual(strings.capitalize('hELLO'), 'Hello');
  assert.strictEqual(strings.capitalise, undefined);
});

test('callers', () => {
  assert.strictEqual(heading('the lord OF the rings'), '# The Lord of the Rings');
  assert.strictEqual(label('name'), 'Name:');
});
