import { Result, andThen, err, map, mapErr, ok, tryCatch, unwrapOr } from './result';

const mapped = map(ok(2), (n) => n.toFixed(1));
const mappedCheck: Result<string, never> = mapped;

const parsed: Result<number, string> = Math.random() > 2 ? ok(1) : err('bad');
const chained: Result<boolean, string | Error> = andThen(parsed, (n) => (n > 0 ? ok(true) : err(new Error('neg'))));
const errMapped: Result<number, number> = mapErr(parsed, (e) => e.length);
const value: number = unwrapOr(parsed, 0);
const caught: Result<string, Error> = tryCatch(() => 'x');

if (parsed.ok) {
  const v: number = parsed.value;
  // @ts-expect-error the ok branch has no error
  parsed.error;
  void v;
} else {
  const e: string = parsed.error;
  void e;
}

// @ts-expect-error the fallback must match the value type
unwrapOr(parsed, 'zero');
// @ts-expect-error fn receives a number
map(ok(1), (s: string) => s);

export const used = [mappedCheck, chained, errMapped, value, caught];
