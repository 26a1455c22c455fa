import { chunk, groupBy, partition, sumBy, uniqueBy, zip } from './collections';

interface User { name: string; role: 'admin' | 'user'; age: number }
const users: User[] = [];
const byRole: Record<'admin' | 'user', User[]> = groupBy(users, (u) => u.role);

const isString = (v: string | number): v is string => typeof v === 'string';
const mixed: Array<string | number> = [];
const [strings, numbers] = partition(mixed, isString);
const s: string[] = strings;
const n: number[] = numbers;
const [adults, minors] = partition(users, (u) => u.age >= 18);
const a: User[] = adults;
const m: User[] = minors;

const chunks: number[][] = chunk([1, 2, 3], 2);
const pairs: Array<[string, number]> = zip(['a'], [1]);
const uniq: User[] = uniqueBy(users, (u) => u.name);
const total: number = sumBy(users, (u) => u.age);

// @ts-expect-error numbers side is not string[]
const wrong: string[] = numbers;
// @ts-expect-error value must return a number
sumBy(users, (u) => u.name);
// @ts-expect-error zip keeps element types
const badPairs: Array<[number, number]> = zip(['a'], [1]);

export const used = [byRole, s, n, a, m, chunks, pairs, uniq, total, wrong, badPairs];
