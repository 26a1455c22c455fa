'use strict';

function createStore() {
  let todos = [];
  let nextId = 1;

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

  return { add, list };
}

module.exports = { createStore };
