'use strict';

class Emitter {
  constructor() {
    this._listeners = new Map();
  }

  on(event, listener) {
    return this._add(event, listener, listener);
  }

  once(event, listener) {
    const wrapper = (...args) => {
      this._remove(event, wrapper);
      listener(...args);
    };
    return this._add(event, wrapper, listener);
  }

  off(event, listener) {
    const list = this._listeners.get(event) || [];
    const index = list.findIndex((entry) => entry.original === listener || entry.fn === listener);
    if (index !== -1) list.splice(index, 1);
  }

  emit(event, ...args) {
    const list = (this._listeners.get(event) || []).slice();
    let firstError = null;
    for (const entry of list) {
      if (entry.removed) continue;
      try {
        entry.fn(...args);
      } catch (error) {
        if (firstError === null) firstError = error;
      }
    }
    if (firstError !== null) throw firstError;
    return list.length > 0;
  }

  listenerCount(event) {
    return (this._listeners.get(event) || []).length;
  }

  _add(event, fn, original) {
    if (!this._listeners.has(event)) this._listeners.set(event, []);
    const entry = { fn, original, removed: false };
    this._listeners.get(event).push(entry);
    return () => this._removeEntry(event, entry);
  }

  _remove(event, fn) {
    const list = this._listeners.get(event) || [];
    const entry = list.find((e) => e.fn === fn);
    if (entry) this._removeEntry(event, entry);
  }

  _removeEntry(event, entry) {
    const list = this._listeners.get(event) || [];
    const index = list.indexOf(entry);
    if (index !== -1) list.splice(index, 1);
  }
}

module.exports = { Emitter };
