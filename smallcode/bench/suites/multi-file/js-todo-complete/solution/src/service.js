'use strict';

class TodoService {
  constructor(store) {
    this.store = store;
  }

  add(title) {
    if (!title || !title.trim()) throw new Error('title is required');
    return this.store.insert(title.trim());
  }

  complete(id) {
    if (!this.store.markDone(id)) throw new Error(`todo ${id} not found`);
    return this.store.get(id);
  }
}

module.exports = { TodoService };
