'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parseArgs } = require('./.hidden_out/args.js');

const spec = {
  verbose: { type: 'boolean', short: 'v' },
  watch: { type: 'boolean', short: 'w', default: false },
  color: { type: 'boolean', default: true },
  out: { type: 'string', short: 'o' },
  jobs: { type: 'number', short: 'j', default: 1 },
  mode: { type: 'string', default: 'dev' },
};

test('long options and defaults', () => {
  assert.deepEqual(parseArgs(['build', '--verbose', '--out', 'dist', '--jobs=4', 'src'], spec), {
    options: { verbose: true, out: 'dist', jobs: 4, watch: false, color: true, mode: 'dev' },
    positionals: ['build', 'src'],
  });
});

test('--no-flag and --name=value with = in value', () => {
  const r = parseArgs(['--no-color', '--mode=a=b'], spec);
  assert.equal(r.options.color, false);
  assert.equal(r.options.mode, 'a=b');
  assert.equal('verbose' in r.options, false);
  assert.equal('out' in r.options, false);
});

test('short options, groups and values', () => {
  const r = parseArgs(['-vw', '-o', 'out.txt', '-j', '8', 'x'], spec);
  assert.deepEqual(r.options, { verbose: true, watch: true, out: 'out.txt', jobs: 8, color: true, mode: 'dev' });
  assert.deepEqual(r.positionals, ['x']);
});

test('double dash ends options', () => {
  const r = parseArgs(['-v', '--', '--out', '-w', 'file'], spec);
  assert.deepEqual(r.positionals, ['--out', '-w', 'file']);
  assert.equal('out' in r.options, false);
  assert.equal(r.options.watch, false);
});

test('errors mention the option', () => {
  assert.throws(() => parseArgs(['--nope'], spec), /nope/);
  assert.throws(() => parseArgs(['-x'], spec), /-x/);
  assert.throws(() => parseArgs(['--out'], spec), /out/);
  assert.throws(() => parseArgs(['--jobs', 'many'], spec), /jobs/);
  assert.throws(() => parseArgs(['-j', 'Infinity'], spec), /-j/);
});
