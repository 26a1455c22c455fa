'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { resolveOptions, DEFAULTS } = require('./.hidden_out/options.js');

test('falsy values are kept', () => {
  assert.deepEqual(resolveOptions({ retries: 0, timeoutMs: 0, followRedirects: false, baseUrl: '', userAgent: '' }), {
    baseUrl: '',
    retries: 0,
    timeoutMs: 0,
    followRedirects: false,
    userAgent: '',
  });
});

test('missing and null fall back', () => {
  assert.deepEqual(resolveOptions(), DEFAULTS);
  assert.deepEqual(resolveOptions({}), DEFAULTS);
  assert.deepEqual(
    resolveOptions({ baseUrl: null, retries: null, timeoutMs: null, followRedirects: null, userAgent: null }),
    DEFAULTS,
  );
  assert.deepEqual(resolveOptions({ retries: 5 }), { ...DEFAULTS, retries: 5 });
});

test('validation kept', () => {
  assert.throws(() => resolveOptions({ retries: -1 }), RangeError);
  assert.throws(() => resolveOptions({ retries: 1.5 }), RangeError);
  assert.throws(() => resolveOptions({ timeoutMs: -10 }), RangeError);
});

test('defaults object not mutated', () => {
  resolveOptions({ retries: 9 });
  assert.equal(DEFAULTS.retries, 3);
});
