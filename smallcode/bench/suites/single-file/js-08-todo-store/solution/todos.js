'use strict';

function createStore() {
  let todos = [];
  let nextId = 1;

  function find(id) {
    const todo = todos.find((t) => t.id === id);
    if (!todo) throw new Error(`no todo with id ${id}`);
    return todo;
  }

  function add(title) {
    const clean = String(title).trim();
    if (!clean) throw new Error('title is required');
    const todo = { id: nextId++, title: clean, done: false };
    todos.push(todo);
    return { ...todo };
  }

  function list() {
    return todos.map((todo) => ({ ...todo }));
  }

  function toggle(id) {
    const todo = find(id);
    todo.done = !todo.done;
    return { ...todo };
  }

  function rename(id, title) {
    const todo = find(id);
    const clean = String(title).trim();
    if (!clean) throw new Error('title is required');
    todo.title = clean;
    return { ...todo };
  }

  function filter(status) {
    if (status === 'all') return list();
    if (status === 'active') return list().filter((t) => !t.done);
    if (status === 'done') return list().filter((t) => t.done);
    throw new Error(`unknown status ${status}`);
  }

  function clearCompleted() {
    const before = todos.length;
    todos = todos.filter((t) => !t.done);
    return before - todos.length;
  }

  function stats() {
    const done = todos.filter((t) => t.done).length;
    return { total: todos.length, active: todos.length - done, done };
  }

  return { add, list, toggle, rename, filter, clearCompleted, stats };
}

module.exports = { createStore };
