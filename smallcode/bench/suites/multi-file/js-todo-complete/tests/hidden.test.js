'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { TodoStore } = require('./src/store');
const { TodoService } = require('./src/service');
const { handleAdd, handleComplete } = require('./src/api');

test('store', () => {
  const store = new TodoStore();
  const todo = store.insert('x');
  assert.strictEqual(store.markDone(todo.id), true);
  assert.strictEqual(store.get(todo.id).done, true);
  assert.strictEqual(store.markDone(99), false);
});

test('service', () => {
  const service = new TodoService(new TodoStore());
  const todo = service.add('y');
  assert.strictEqual(service.complete(todo.id).done, true);
  assert.throws(() => service.complete(42), { message: 'todo 42 not found' });
});

test('api', () => {
  const service = new TodoService(new TodoStore());
  const { todo } = handleAdd(service, { title: 'write tests' });
  assert.deepStrictEqual(handleComplete(service, todo.id), {
    status: 200,
    todo: { id: todo.id, title: 'write tests', done: true },
  });
  assert.deepStrictEqual(handleComplete(service, 7), { status: 404, error: 'todo 7 not found' });
});
