'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { Router } = require('./router.js');

const list = () => 'list';
const show = () => 'show';
const create = () => 'create';
const files = () => 'files';
const me = () => 'me';

function build() {
  return new Router()
    .add('GET', '/users', list)
    .add('get', '/users/me', me)
    .add('GET', '/users/:id', show)
    .add('POST', '/users', create)
    .add('GET', '/files/*', files)
    .add('DELETE', '/users/:id', show);
}

test('static and param routes, first match wins', () => {
  const r = build();
  assert.deepEqual(r.match('GET', '/users'), { handler: list, params: {} });
  assert.deepEqual(r.match('get', '/users/me'), { handler: me, params: {} });
  assert.deepEqual(r.match('GET', '/users/42'), { handler: show, params: { id: '42' } });
  assert.deepEqual(r.match('post', '/users'), { handler: create, params: {} });
});

test('query strings, trailing slashes and decoding', () => {
  const r = build();
  assert.deepEqual(r.match('GET', '/users/?page=2'), { handler: list, params: {} });
  assert.deepEqual(r.match('GET', '/users/J%C3%BCrgen%20K'), { handler: show, params: { id: 'Jürgen K' } });
});

test('wildcard', () => {
  const r = build();
  assert.deepEqual(r.match('GET', '/files/docs/2024/report.pdf'), {
    handler: files,
    params: { wildcard: 'docs/2024/report.pdf' },
  });
  assert.deepEqual(r.match('GET', '/files'), { status: 404 });
});

test('405 lists allowed methods', () => {
  const r = build();
  assert.deepEqual(r.match('PUT', '/users/7'), { status: 405, allowed: ['DELETE', 'GET'] });
  assert.deepEqual(r.match('DELETE', '/users'), { status: 405, allowed: ['GET', 'POST'] });
});

test('404', () => {
  const r = build();
  assert.deepEqual(r.match('GET', '/nope'), { status: 404 });
  assert.deepEqual(r.match('GET', '/users/1/extra'), { status: 404 });
  assert.deepEqual(new Router().match('GET', '/'), { status: 404 });
});
