import { InputError } from '../../../core/errors.js';

/** A required, trimmed, bounded string; the error names the field. */
export function requiredText(value: unknown, field: string, maxLength = 256): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${field}: required, a non-empty string`);
  }
  if (value.length > maxLength) {
    throw new InputError(`${field}: at most ${maxLength} characters`);
  }
  return value.trim();
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) {
    throw new InputError(`${field}: one of ${allowed.join(', ')}`);
  }
  return found;
}

/** A password or token: kept exactly as given (no trimming), but never empty or huge. */
export function secretText(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new InputError('secret: required, a non-empty string');
  }
  if (value.length > 16_384) {
    throw new InputError('secret: at most 16384 characters');
  }
  return value;
}
