import { InputError } from '../../../core/errors.js';
import { exceptionDimensions, type DetectionException } from '../../../detect/index.js';
import { isRecord } from '../../../core/is-record.js';

/** The exception's scope: which alerts a suppression rule covers (globs with `*`). */
export type SuppressionMatch = Omit<DetectionException, 'reason' | 'expires' | 'origin'>;

export const matchDimensions = exceptionDimensions satisfies readonly (keyof SuppressionMatch)[];

/** Caps, so one rule cannot make a pathological pattern. */
export const maxGlobLength = 256;
export const maxGlobsPerDimension = 100;
export const maxClustersPerRule = 100;

/** A list of globs; the error names `match.<dimension>[.<index>]`. */
function globs(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > maxGlobsPerDimension) {
    throw new InputError(`${field}: a list of 1 to ${maxGlobsPerDimension} patterns`);
  }
  return value.map((entry: unknown, index) => {
    if (typeof entry !== 'string' || entry === '' || entry.length > maxGlobLength) {
      throw new InputError(`${field}.${index}: a pattern of 1 to ${maxGlobLength} characters`);
    }
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (/[\u0000-\u001f\u007f]/.test(entry)) {
      throw new InputError(`${field}.${index}: no control characters`);
    }
    if (field === 'match.serviceAccounts' && !/^[^/\s]+\/[^/\s]+$/.test(entry)) {
      throw new InputError(`${field}.${index}: a service account is namespace/name`);
    }
    return entry;
  });
}

/** Checks a rule's scope: known dimensions only, and at least one, or it would silence everything. */
export function parseSuppressionMatch(value: unknown): SuppressionMatch {
  if (!isRecord(value)) {
    throw new InputError('match: an object of pattern lists');
  }
  const match: SuppressionMatch = {};
  for (const [key, entries] of Object.entries(value)) {
    const dimension = matchDimensions.find((name) => name === key);
    if (dimension === undefined) {
      throw new InputError(`match.${key}: not a dimension; use ${matchDimensions.join(', ')}`);
    }
    match[dimension] = globs(entries, `match.${dimension}`);
  }
  if (Object.keys(match).length === 0) {
    throw new InputError(
      `match: at least one of ${matchDimensions.join(', ')}; a rule that scopes nothing would silence every alert`
    );
  }
  return match;
}

/**
 * `expires`: an ISO date (`2027-01-31`, the rule stops at the start of that day, UTC, as the
 * engine's exceptions do) or date-time, in the store's spelling, after `now`. Exemptions call
 * their field `expiresAt`.
 */
export function parseExpiry(value: unknown, now: string, field = 'expires'): string {
  const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const dateTime =
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const millis =
    typeof value === 'string' ? Date.parse(dateOnly ? `${value}T00:00:00Z` : value) : NaN;
  if ((!dateOnly && !dateTime) || Number.isNaN(millis)) {
    throw new InputError(`${field}: an ISO 8601 date (2027-01-31) or date-time`);
  }
  const expires = new Date(millis).toISOString();
  if (expires <= now) {
    throw new InputError(`${field}: must be in the future (it is ${now} now)`);
  }
  return expires;
}
