import { deleteIn, getIn, parsePath, setIn } from './paths';

interface Settings { theme: { dark: boolean } }
const settings: Settings = { theme: { dark: false } };
const next: Settings = setIn(settings, 'theme.dark', true);
const removed: Settings = deleteIn(settings, 'theme.dark');
const keys: Array<string | number> = parsePath('a[0]');
const value: unknown = getIn(settings, 'theme.dark');
// @ts-expect-error getIn returns unknown, not any
const notAny: number = getIn(settings, 'theme.dark');

export const used = [next, removed, keys, value, notAny];
