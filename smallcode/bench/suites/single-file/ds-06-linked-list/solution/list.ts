interface ListNode<T> {
  value: T;
  prev: ListNode<T> | null;
  next: ListNode<T> | null;
}

export class LinkedList<T> implements Iterable<T> {
  private head: ListNode<T> | null = null;
  private tail: ListNode<T> | null = null;
  private size = 0;

  static from<T>(items: Iterable<T>): LinkedList<T> {
    const list = new LinkedList<T>();
    for (const item of items) list.push(item);
    return list;
  }

  get length(): number {
    return this.size;
  }

  push(value: T): void {
    const node: ListNode<T> = { value, prev: this.tail, next: null };
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.size++;
  }

  unshift(value: T): void {
    const node: ListNode<T> = { value, prev: null, next: this.head };
    if (this.head) this.head.prev = node;
    else this.tail = node;
    this.head = node;
    this.size++;
  }

  pop(): T | undefined {
    const node = this.tail;
    if (!node) return undefined;
    this.unlink(node);
    return node.value;
  }

  shift(): T | undefined {
    const node = this.head;
    if (!node) return undefined;
    this.unlink(node);
    return node.value;
  }

  at(index: number): T | undefined {
    const node = this.nodeAt(index < 0 ? this.size + index : index);
    return node ? node.value : undefined;
  }

  insertAt(index: number, value: T): void {
    if (!Number.isInteger(index) || index < 0 || index > this.size) throw new RangeError(`index ${index} out of range`);
    if (index === 0) return this.unshift(value);
    if (index === this.size) return this.push(value);
    const after = this.nodeAt(index);
    if (!after || !after.prev) throw new RangeError(`index ${index} out of range`);
    const node: ListNode<T> = { value, prev: after.prev, next: after };
    after.prev.next = node;
    after.prev = node;
    this.size++;
  }

  removeAt(index: number): T {
    const node = Number.isInteger(index) ? this.nodeAt(index) : null;
    if (!node) throw new RangeError(`index ${index} out of range`);
    this.unlink(node);
    return node.value;
  }

  reverse(): this {
    let node = this.head;
    while (node) {
      const next: ListNode<T> | null = node.next;
      node.next = node.prev;
      node.prev = next;
      node = next;
    }
    [this.head, this.tail] = [this.tail, this.head];
    return this;
  }

  toArray(): T[] {
    return [...this];
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let node = this.head; node; node = node.next) yield node.value;
  }

  private nodeAt(index: number): ListNode<T> | null {
    if (index < 0 || index >= this.size) return null;
    let node = this.head;
    for (let i = 0; i < index && node; i++) node = node.next;
    return node;
  }

  private unlink(node: ListNode<T>): void {
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = node.next = null;
    this.size--;
  }
}
