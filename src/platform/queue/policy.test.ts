import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../core/errors.js';
import {
  checkTopic,
  concurrencyOf,
  encodePayload,
  errorText,
  jobId,
  resolvePolicy,
  retryDelay,
} from './policy.js';

describe('queue policy', () => {
  it('fills in the documented defaults', () => {
    expect(resolvePolicy({})).toMatchObject({
      maxAttempts: 5,
      leaseMs: 30_000,
      retryDelayMs: 1_000,
      maxRetryDelayMs: 60_000,
      dedupWindowMs: 120_000,
      maxPayloadBytes: 1_048_576,
      prefix: 'palisade',
    });
  });

  it('doubles the retry delay each attempt up to the ceiling', () => {
    const policy = resolvePolicy({ retryDelayMs: 100, maxRetryDelayMs: 1_000 });
    expect([1, 2, 3, 4, 5, 60].map((attempt) => retryDelay(policy, attempt))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('refuses settings that are not whole positive numbers, and prefixes with dots', () => {
    expect(() => resolvePolicy({ maxAttempts: 0 })).toThrow(UsageError);
    expect(() => resolvePolicy({ leaseMs: 1.5 })).toThrow(/leaseMs/);
    expect(() => resolvePolicy({ prefix: 'pali.sade' })).toThrow(UsageError);
    expect(() => resolvePolicy({ prefix: '' })).toThrow(UsageError);
    expect(() => concurrencyOf({ concurrency: -1 })).toThrow(UsageError);
    expect(concurrencyOf({})).toBe(1);
  });

  it('knows only the declared topics', () => {
    expect(checkTopic('audit-events')).toBe('audit-events');
    expect(() => checkTopic('audit')).toThrow(/topics are scan, assess, audit-events, notify/);
  });

  it('makes up a UUID id and checks a given one', () => {
    expect(jobId(undefined)).toMatch(/^[0-9a-f-]{36}$/);
    expect(jobId('sha256:abc')).toBe('sha256:abc');
    expect(() => jobId('x'.repeat(257))).toThrow(UsageError);
    expect(() => jobId('tab\there')).toThrow(UsageError);
  });

  it('encodes JSON payloads and refuses what JSON cannot carry', () => {
    const policy = resolvePolicy({ maxPayloadBytes: 10 });
    expect(encodePayload(policy, { a: 1 })).toBe('{"a":1}');
    expect(() => encodePayload(policy, () => 1)).toThrow(InputError);
    expect(() => encodePayload(policy, { big: 2n })).toThrow(InputError);
    expect(() => encodePayload(policy, 'é'.repeat(5))).toThrow(/12 bytes is over the limit of 10/);
  });

  it('keeps an error message, or the thrown value as text, cut to a bounded length', () => {
    expect(errorText(new Error('registry answered 503'))).toBe('registry answered 503');
    expect(errorText('plain string')).toBe('plain string');
    expect(errorText(undefined)).toBe('undefined');
    expect(errorText(new Error('x'.repeat(5_000)))).toHaveLength(2_001);
  });
});
