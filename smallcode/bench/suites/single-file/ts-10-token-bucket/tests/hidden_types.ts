import { KeyedLimiter, LimiterOptions, TokenBucket } from './limiter';

const opts: LimiterOptions = { capacity: 5, refillPerSecond: 1 };
const bucket = new TokenBucket(opts);
const ok: boolean = bucket.tryRemove();
const ok2: boolean = bucket.tryRemove(2);
const avail: number = bucket.available();
const wait: number = bucket.retryAfterMs();
const keyed = new KeyedLimiter({ ...opts, now: () => 0 });
const k: boolean = keyed.tryRemove('1.2.3.4');
// @ts-expect-error now must return a number
new TokenBucket({ capacity: 1, refillPerSecond: 1, now: () => 'soon' });
// @ts-expect-error capacity is required
new TokenBucket({ refillPerSecond: 1 });

export const used = [ok, ok2, avail, wait, k];
