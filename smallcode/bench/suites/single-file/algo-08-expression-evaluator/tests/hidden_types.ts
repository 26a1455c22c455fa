import { evaluate } from './expr';

const a: number = evaluate('1 + 2');
const b: number = evaluate('x * 2', { x: 3 });
// @ts-expect-error variables are numbers
evaluate('x', { x: 'three' });

export const used = [a, b];
