import type { BearerToken } from './token-response.js';

/** Refresh a little early so a token does not expire between our check and the registry's. */
const safetyMarginMs = 10_000;

/** Bearer tokens per (registry host, scope), kept until they expire. */
export class TokenCache {
  readonly #tokens = new Map<string, BearerToken>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get(host: string, scope: string): string | undefined {
    const key = `${host} ${scope}`;
    const entry = this.#tokens.get(key);
    if (entry === undefined) {
      return undefined;
    }
    if (entry.expiresAt - safetyMarginMs <= this.#now()) {
      this.#tokens.delete(key);
      return undefined;
    }
    return entry.token;
  }

  set(host: string, scope: string, token: BearerToken): void {
    this.#tokens.set(`${host} ${scope}`, token);
  }

  delete(host: string, scope: string): void {
    this.#tokens.delete(`${host} ${scope}`);
  }
}
