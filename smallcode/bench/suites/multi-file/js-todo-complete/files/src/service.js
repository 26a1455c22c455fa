'use strict';

class TodoService {
  constructor(store) {
    this.store = store;
  }

  add(title) {
    if (!title || !title.trim()) throw new Error('title is required');
    return this.store.insert(title.trim());
  }
}

module.exports = { TodoService };
