'use strict';

class Node {
  constructor() {
    this.children = new Map();
    this.weight = 0;
    this.end = false;
  }
}

class Trie {
  constructor() {
    this.root = new Node();
    this._size = 0;
  }

  get size() {
    return this._size;
  }

  _check(word) {
    if (typeof word !== 'string' || word.length === 0) throw new TypeError('word must be a non-empty string');
  }

  _find(prefix) {
    let node = this.root;
    for (const ch of prefix) {
      node = node.children.get(ch);
      if (!node) return null;
    }
    return node;
  }

  insert(word, weight = 1) {
    this._check(word);
    let node = this.root;
    for (const ch of word) {
      if (!node.children.has(ch)) node.children.set(ch, new Node());
      node = node.children.get(ch);
    }
    if (!node.end) {
      node.end = true;
      this._size += 1;
    }
    node.weight += weight;
  }

  has(word) {
    const node = this._find(word);
    return Boolean(node && node.end);
  }

  hasPrefix(prefix) {
    if (prefix === '') return this._size > 0;
    return this._find(prefix) !== null;
  }

  delete(word) {
    this._check(word);
    const path = [this.root];
    for (const ch of word) {
      const next = path[path.length - 1].children.get(ch);
      if (!next) return false;
      path.push(next);
    }
    const last = path[path.length - 1];
    if (!last.end) return false;
    last.end = false;
    last.weight = 0;
    this._size -= 1;
    const chars = [...word];
    for (let i = chars.length; i > 0; i--) {
      const node = path[i];
      if (node.end || node.children.size > 0) break;
      path[i - 1].children.delete(chars[i - 1]);
    }
    return true;
  }

  suggest(prefix, limit = 5) {
    const start = this._find(prefix);
    if (!start) return [];
    const found = [];
    const walk = (node, text) => {
      if (node.end) found.push([text, node.weight]);
      for (const [ch, child] of node.children) walk(child, text + ch);
    };
    walk(start, prefix);
    found.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return found.slice(0, limit).map(([word]) => word);
  }
}

module.exports = { Trie };
