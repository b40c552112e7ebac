import type { Store } from '../store/index.js';
import { compileSuppression, type CompiledSuppression } from './matcher.js';

/** How long a worker trusts the rules it read: new or deleted rules apply within this. */
export const defaultSuppressionTtlMs = 5_000;

export interface SuppressionCache {
  /** The live rules, compiled; re-read from the store once older than the TTL. */
  current(): Promise<readonly CompiledSuppression[]>;
}

/**
 * Each worker process reads the rules from the store and keeps them for `ttlMs`, so several
 * workers agree on the rules within that delay without sharing memory or messages. Callers
 * that ask while a read is under way share it.
 */
export function createSuppressionCache(
  store: Store,
  options: { ttlMs?: number; clock?: () => number } = {}
): SuppressionCache {
  const ttlMs = options.ttlMs ?? defaultSuppressionTtlMs;
  const clock = options.clock ?? Date.now;
  let rules: readonly CompiledSuppression[] = [];
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<readonly CompiledSuppression[]> | undefined;

  async function read(): Promise<readonly CompiledSuppression[]> {
    const started = clock();
    const live = await store.suppressionRules.live();
    rules = live.map(compileSuppression);
    readAt = started;
    return rules;
  }

  return {
    current() {
      if (clock() - readAt < ttlMs) {
        return Promise.resolve(rules);
      }
      reading ??= read().finally(() => {
        reading = undefined;
      });
      return reading;
    },
  };
}
