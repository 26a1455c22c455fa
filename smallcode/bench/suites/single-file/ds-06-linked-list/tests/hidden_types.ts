import { LinkedList } from './list';

const list = LinkedList.from([1, 2, 3]);
const first: number | undefined = list.at(0);
const popped: number | undefined = list.pop();
const removed: number = list.removeAt(0);
const arr: number[] = list.toArray();
const spread: number[] = [...list];
const same: LinkedList<number> = list.reverse();
const n: number = list.length;
for (const value of list) {
  const v: number = value;
  void v;
}
// @ts-expect-error element type is number
list.push('x');
// @ts-expect-error length is read-only
list.length = 3;

export const used = [first, popped, removed, arr, spread, same, n];
