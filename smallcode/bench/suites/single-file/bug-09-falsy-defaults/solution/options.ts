export interface ClientOptions {
  baseUrl?: string | null;
  retries?: number | null;
  timeoutMs?: number | null;
  followRedirects?: boolean | null;
  userAgent?: string | null;
}

export interface ResolvedOptions {
  baseUrl: string;
  retries: number;
  timeoutMs: number;
  followRedirects: boolean;
  userAgent: string;
}

export const DEFAULTS: ResolvedOptions = {
  baseUrl: 'https://api.example.com',
  retries: 3,
  timeoutMs: 5000,
  followRedirects: true,
  userAgent: 'example-client/1.0',
};

export function resolveOptions(options: ClientOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    baseUrl: options.baseUrl ?? DEFAULTS.baseUrl,
    retries: options.retries ?? DEFAULTS.retries,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    followRedirects: options.followRedirects ?? DEFAULTS.followRedirects,
    userAgent: options.userAgent ?? DEFAULTS.userAgent,
  };
  if (!Number.isInteger(resolved.retries) || resolved.retries < 0) {
    throw new RangeError(`retries must be a non-negative integer, got ${resolved.retries}`);
  }
  if (resolved.timeoutMs < 0) {
    throw new RangeError(`timeoutMs must not be negative, got ${resolved.timeoutMs}`);
  }
  return resolved;
}
