import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isRetryableError,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from './retry.js';

const policy = { baseMs: 100, maxMs: 1000, retryAfterCapMs: 5000 };

describe('retry policy', () => {
  it('backs off exponentially with jitter, within the ceiling', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(50);
    expect(backoffDelay(0, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 1)).toBe(800);
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
    expect(backoffDelay(10, policy, () => 0)).toBe(500);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(['2'], now)).toBe(2000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
  });

  it('caps what the server asks for', () => {
    expect(retryDelay(0, 3_600_000, policy)).toBe(5000);
    expect(retryDelay(0, 1000, policy)).toBe(1000);
  });

  it('retries rate limits, outages and dropped connections only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 501, 505].some(isRetryableStatus)).toBe(false);
    expect(isRetryableError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(
      isRetryableError(
        new Error('x', { cause: Object.assign(new Error('y'), { code: 'ECONNREFUSED' }) })
      )
    ).toBe(true);
    expect(isRetryableError(Object.assign(new Error('x'), { code: 'ENOTFOUND' }))).toBe(false);
    expect(isRetryableError('ECONNRESET')).toBe(false);
  });
});
