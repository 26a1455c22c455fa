'use strict';

class TodoStore {
  constructor() {
    this.todos = new Map();
    this.nextId = 1;
  }

  insert(title) {
    const todo = { id: this.nextId++, title, done: false };
    this.todos.set(todo.id, todo);
    return todo;
  }

  get(id) {
    return this.todos.get(id);
  }
}

module.exports = { TodoStore };
