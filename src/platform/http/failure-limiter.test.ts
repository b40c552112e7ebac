import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter.js';

describe('FailureLimiter', () => {
  it('blocks an address after max failures until its window ends, others unaffected', () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter({ max: 2, windowMs: 60_000 }, () => now);
    limiter.fail('10.0.0.1');
    expect(limiter.blocked('10.0.0.1')).toBeUndefined();
    limiter.fail('10.0.0.1');
    expect(limiter.blocked('10.0.0.1')).toBe(60);
    expect(limiter.blocked('10.0.0.2')).toBeUndefined();
    now += 59_500;
    expect(limiter.blocked('10.0.0.1')).toBe(1);
    now += 500;
    expect(limiter.blocked('10.0.0.1')).toBeUndefined();
  });
});
