import { posix } from 'node:path';
import { InputError } from '../../core/errors.js';

/**
 * Turns a tar entry name into the relative path analyzers see (`etc/os-release`).
 * Absolute names are rooted at the image root; a name that climbs out of the root with
 * `..` is hostile and ends the scan. Returns undefined for the root itself.
 */
export function normaliseEntryPath(
  name: string,
  where: string,
  maxLength: number
): string | undefined {
  if (Buffer.byteLength(name) > maxLength) {
    throw new InputError(`${where}: an entry name is longer than ${maxLength} bytes`);
  }
  if (name.includes('\0')) {
    throw new InputError(`${where}: an entry name contains a NUL byte`);
  }
  // Most names are already clean (`usr/bin/env`); only the rest pay for normalising.
  if (!name.startsWith('.') && !name.includes('/.') && !name.includes('//')) {
    const trimmed = name.replace(/^\/+/, '').replace(/\/+$/, '');
    return trimmed === '' ? undefined : trimmed;
  }
  const normalised = posix.normalize(`/${name}`);
  // normalize('/../x') gives '/x', so a climb is visible only in the raw segments.
  let depth = 0;
  for (const segment of name.split('/')) {
    if (segment === '..') {
      depth--;
    } else if (segment !== '' && segment !== '.') {
      depth++;
    }
    if (depth < 0) {
      throw new InputError(
        `${where}: entry ${JSON.stringify(name.slice(0, 200))} escapes the image root with '..'`
      );
    }
  }
  const relative = normalised.replace(/^\/+/, '').replace(/\/+$/, '');
  return relative === '' ? undefined : relative;
}

export const whiteoutPrefix = '.wh.';
export const opaqueMarker = '.wh..wh..opq';

export function splitPath(path: string): { dir: string; base: string } {
  const slash = path.lastIndexOf('/');
  return slash < 0
    ? { dir: '', base: path }
    : { dir: path.slice(0, slash), base: path.slice(slash + 1) };
}
