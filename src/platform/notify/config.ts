import { InputError } from '../../core/errors.js';
import { isRecord } from '../../core/is-record.js';

/** The config object, refusing keys the kind does not know, so a typo is not silently ignored. */
export function configRecord(value: unknown, known: readonly string[]): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new InputError('config: an object');
  }
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new InputError(`config.${unknown}: not a setting of this kind; use ${known.join(', ')}`);
  }
  return value;
}

/** An http(s) URL without user info (a credential belongs in the path or the HMAC secret). */
export function httpUrl(value: unknown, field: string): URL {
  if (typeof value !== 'string' || value === '' || value.length > 2048) {
    throw new InputError(`${field}: required, an http(s) URL of at most 2048 characters`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${field}: not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`${field}: http or https only`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError(`${field}: no user or password in the URL`);
  }
  return url;
}

export function optionalText(
  value: unknown,
  field: string,
  min: number,
  max: number
): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw new InputError(`${field}: a string of ${min} to ${max} characters`);
  }
  return value;
}
