'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const H = require('./handlers.js');

const long = (n) => 'x'.repeat(n);

test('createUser unchanged', () => {
  assert.deepEqual(H.createUser({ name: ' Ann ', email: 'Ann@Example.com' }), { status: 201, body: { name: 'Ann', email: 'ann@example.com' } });
  assert.deepEqual(H.createUser({}), { status: 400, body: { errors: ['name is required', 'email is required'] } });
  assert.deepEqual(H.createUser({ name: long(51), email: 'nope' }), {
    status: 400, body: { errors: ['name must be at most 50 characters', 'email must be a valid e-mail address'] },
  });
  assert.deepEqual(H.createUser({ name: '   ', email: 'a@b.co' }), { status: 400, body: { errors: ['name is required'] } });
  assert.equal(H.createUser({ name: long(50), email: 'a@b.co' }).status, 201);
});

test('updateUser unchanged', () => {
  assert.deepEqual(H.updateUser({ bio: 'hi', email: '' }), { status: 200, body: { bio: 'hi', email: '' } });
  assert.deepEqual(H.updateUser({}), { status: 200, body: {} });
  assert.deepEqual(H.updateUser({ name: long(51), email: 'bad', bio: long(201) }), {
    status: 400,
    body: { errors: ['name must be at most 50 characters', 'email must be a valid e-mail address', 'bio must be at most 200 characters'] },
  });
});

test('createProject unchanged', () => {
  assert.deepEqual(H.createProject({ title: ' Apollo ', owner: 'Lead@X.org', description: 'd' }), {
    status: 201, body: { title: 'Apollo', owner: 'lead@x.org' },
  });
  assert.deepEqual(H.createProject({ owner: 'x', description: long(501) }), {
    status: 400,
    body: { errors: ['title is required', 'owner must be a valid e-mail address', 'description must be at most 500 characters'] },
  });
  assert.deepEqual(H.createProject({ title: long(81), owner: null }), {
    status: 400, body: { errors: ['title must be at most 80 characters', 'owner is required'] },
  });
});

test('validate helper', () => {
  assert.equal(typeof H.validate, 'function');
  const rules = { code: { required: true, maxLength: 3 }, contact: { email: true }, note: { maxLength: 2 } };
  assert.deepEqual(H.validate({ code: 'abc', contact: 'a@b.io' }, rules), []);
  assert.deepEqual(H.validate({ code: 'abcd', contact: 'x', note: 'long' }, rules), [
    'code must be at most 3 characters', 'contact must be a valid e-mail address', 'note must be at most 2 characters',
  ]);
  assert.deepEqual(H.validate({}, rules), ['code is required']);
});

test('each message written once', () => {
  const source = fs.readFileSync('handlers.js', 'utf8');
  for (const phrase of ['is required', 'must be at most', 'must be a valid e-mail address']) {
    const count = source.split(phrase).length - 1;
    assert.equal(count, 1, `"${phrase}" appears ${count} times`);
  }
});
