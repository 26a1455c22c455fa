export interface LimiterOptions {
  capacity: number;
  refillPerSecond: number;
  now?: () => number;
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  private readonly rate: number;
  private readonly now: () => number;

  constructor(options: LimiterOptions) {
    if (!(options.capacity > 0) || !(options.refillPerSecond > 0)) {
      throw new RangeError('capacity and refillPerSecond must be positive');
    }
    this.capacity = options.capacity;
    this.rate = options.refillPerSecond;
    this.now = options.now ?? Date.now;
    this.tokens = options.capacity;
    this.last = this.now();
  }

  private refill(): void {
    const current = this.now();
    const elapsed = Math.max(0, current - this.last) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.rate);
    this.last = current;
  }

  tryRemove(count = 1): boolean {
    this.refill();
    if (this.tokens + 1e-9 < count) return false;
    this.tokens = Math.max(0, this.tokens - count);
    return true;
  }

  available(): number {
    this.refill();
    return Math.floor(this.tokens + 1e-9);
  }

  retryAfterMs(count = 1): number {
    if (count > this.capacity) return Infinity;
    this.refill();
    if (this.tokens + 1e-9 >= count) return 0;
    return Math.ceil(((count - this.tokens) / this.rate) * 1000 - 1e-6);
  }
}

export class KeyedLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: LimiterOptions) {
    new TokenBucket(options);
  }

  private bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.options);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  tryRemove(key: string, count = 1): boolean {
    return this.bucket(key).tryRemove(count);
  }

  retryAfterMs(key: string, count = 1): number {
    return this.bucket(key).retryAfterMs(count);
  }
}
