'use strict';

function popcount(x) {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

class BitSet {
  constructor(size) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`invalid size ${size}`);
    this._size = size;
    this.words = new Uint32Array(Math.ceil(size / 32));
  }

  static fromArray(size, indexes) {
    const bits = new BitSet(size);
    for (const i of indexes) bits.set(i);
    return bits;
  }

  get size() {
    return this._size;
  }

  _check(i) {
    if (!Number.isInteger(i) || i < 0 || i >= this._size) throw new RangeError(`index ${i} out of range`);
  }

  set(i) {
    this._check(i);
    this.words[i >>> 5] |= 1 << (i & 31);
    return this;
  }

  clear(i) {
    this._check(i);
    this.words[i >>> 5] &= ~(1 << (i & 31));
    return this;
  }

  toggle(i) {
    this._check(i);
    this.words[i >>> 5] ^= 1 << (i & 31);
    return this;
  }

  has(i) {
    this._check(i);
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  count() {
    let total = 0;
    for (const word of this.words) total += popcount(word);
    return total;
  }

  _combine(other, op) {
    if (!(other instanceof BitSet) || other.size !== this._size) throw new RangeError('sizes differ');
    const out = new BitSet(this._size);
    for (let w = 0; w < this.words.length; w++) out.words[w] = op(this.words[w], other.words[w]);
    return out;
  }

  union(other) {
    return this._combine(other, (a, b) => a | b);
  }

  intersection(other) {
    return this._combine(other, (a, b) => a & b);
  }

  difference(other) {
    return this._combine(other, (a, b) => a & ~b);
  }

  toArray() {
    const out = [];
    for (let i = 0; i < this._size; i++) if (this.has(i)) out.push(i);
    return out;
  }

  toString() {
    let s = '';
    for (let i = 0; i < this._size; i++) s += this.has(i) ? '1' : '0';
    return s;
  }
}

module.exports = { BitSet };
