import { InputError } from '../../../core/errors.js';

/** One package header as a database stores it: the package number and the header blob. */
export interface HeaderBlob {
  /** rpm's package number (sqlite `hnum`, Berkeley DB key, ndb `pkgidx`): install order. */
  key: number;
  blob: Buffer;
}

/** More packages than any real system has; past this a file is hostile, not large. */
export const MAX_PACKAGES = 200_000;

/** rpm refuses headers whose data store reaches 256 MiB, so no real blob is larger. */
export const MAX_HEADER_BYTES = 256 * 1024 * 1024;

/** How messages name each container format. */
export type RpmDbFormat = 'Berkeley DB' | 'ndb database' | 'SQLite database';

/** The one error shape for a database we cannot read, so every message names the file. */
export function corrupt(path: string, format: RpmDbFormat, detail: string): InputError {
  return new InputError(`${path}: corrupt ${format}: ${detail}`);
}
