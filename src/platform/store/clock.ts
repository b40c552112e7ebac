import { InputError } from '../../core/errors.js';

/** One spelling of a time everywhere in the store: ISO 8601, UTC, milliseconds. */
export function isoTime(date: Date): string {
  return date.toISOString();
}

/**
 * Normalises a time from outside (an audit event's `stageTimestamp` may carry microseconds or
 * an offset) to the store's spelling, so text comparison in SQL is time comparison.
 */
export function normaliseTime(value: string, field: string): string {
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) {
    throw new InputError(`${field}: not a time: ${JSON.stringify(value.slice(0, 64))}`);
  }
  return new Date(millis).toISOString();
}
