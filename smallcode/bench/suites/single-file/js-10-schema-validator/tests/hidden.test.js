'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { validate } = require('./validate.js');

const userSchema = {
  type: 'object',
  required: ['name', 'age'],
  additional: false,
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 10 },
    age: { type: 'number', min: 0, max: 150, integer: true },
    email: { type: 'string', pattern: /^[^@\s]+@[^@\s]+$/ },
    admin: { type: 'boolean' },
    tags: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
  },
};

test('valid value', () => {
  assert.deepEqual(validate(userSchema, { name: 'Ann', age: 30, tags: ['a'], admin: false }), []);
});

test('root type errors', () => {
  assert.deepEqual(validate(userSchema, null), ['$: expected object']);
  assert.deepEqual(validate(userSchema, [1]), ['$: expected object']);
  assert.deepEqual(validate({ type: 'number' }, NaN), ['$: expected number']);
  assert.deepEqual(validate({ type: 'boolean' }, 'true'), ['$: expected boolean']);
});

test('required, constraints and order', () => {
  const errors = validate(userSchema, { email: 'nope', age: 3.5, extra: 1, tags: [], admin: 'yes' });
  assert.deepEqual(errors, [
    '$.name: is required',
    '$.age: must be an integer',
    '$.email: does not match pattern',
    '$.admin: expected boolean',
    '$.tags: must have at least 1 items',
    '$.extra: unexpected property',
  ]);
});

test('string and number bounds', () => {
  assert.deepEqual(validate(userSchema, { name: 'A', age: -1 }), ['$.name: must be at least 2 characters', '$.age: must be >= 0']);
  assert.deepEqual(validate(userSchema, { name: 'Bartholomew', age: 151 }), ['$.name: must be at most 10 characters', '$.age: must be <= 150']);
});

test('nested paths and array items', () => {
  const schema = {
    type: 'object',
    properties: {
      team: {
        type: 'object',
        required: ['lead'],
        properties: { members: { type: 'array', items: userSchema } },
      },
    },
  };
  const errors = validate(schema, { team: { members: [{ name: 'Al', age: 1 }, { name: 'B', age: 2, x: 0 }, 'z'] } });
  assert.deepEqual(errors, [
    '$.team.lead: is required',
    '$.team.members[1].name: must be at least 2 characters',
    '$.team.members[1].x: unexpected property',
    '$.team.members[2]: expected object',
  ]);
});

test('additional allowed by default', () => {
  assert.deepEqual(validate({ type: 'object', properties: { a: { type: 'number' } } }, { a: 1, b: 2 }), []);
  assert.deepEqual(validate({ type: 'array', items: { type: 'number' } }, [1, 'x']), ['$[1]: expected number']);
});
