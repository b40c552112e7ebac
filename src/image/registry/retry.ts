/** How long to wait between attempts. Tests shrink it; nobody else needs to. */
export interface BackoffPolicy {
  /** Delay before the first retry, doubled for each one after. */
  baseMs: number;
  maxMs: number;
  /** A `Retry-After` longer than this is cut down to it: a scan should not hang for an hour. */
  retryAfterCapMs: number;
}

export const defaultBackoff: BackoffPolicy = {
  baseMs: 500,
  maxMs: 15_000,
  retryAfterCapMs: 60_000,
};

/**
 * Exponential backoff with jitter: between half and all of `base × 2^attempt`, so clients
 * that failed together do not come back together.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date. Undefined when absent or junk. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number = Date.now()
): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (text === undefined || text === '') {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  // HTTP dates always name the day or month; anything else (`-1`) is not one.
  if (!/[a-z]/i.test(text)) {
    return undefined;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before the next attempt: the server's word when it gave one, within the cap. */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy
): number {
  if (retryAfterMs !== undefined) {
    return Math.min(retryAfterMs, policy.retryAfterCapMs);
  }
  return backoffDelay(attempt, policy);
}

/** Statuses that say "try again later". 501 and 505 say "never", so they are not retried. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

const retryableCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  if ('code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return 'cause' in error ? errorCode(error.cause) : undefined;
}

/** Connection failures worth another try; TLS and DNS "no such host" errors are not. */
export function isRetryableError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && retryableCodes.has(code);
}

const timeoutCodes = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

export function isTimeoutError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && timeoutCodes.has(code);
}
