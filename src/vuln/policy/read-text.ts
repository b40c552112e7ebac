import { InputError, NotFoundError, describeError } from '../../core/errors.js';
import { readCapped, type CappedRead } from '../source/read-capped.js';

/**
 * A policy file as text. The user named it, so a missing file is an error of its own (they
 * asked for a policy that is not there), and a file too large or not UTF-8 is bad input.
 */
export async function readPolicyText(
  path: string,
  what: string,
  maxBytes: number
): Promise<string> {
  let read: CappedRead;
  try {
    read = await readCapped(path, maxBytes);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new NotFoundError(`${what} ${path} does not exist`, { cause: error });
    }
    throw new InputError(`${what} ${path} cannot be read: ${describeError(error)}`, {
      cause: error,
    });
  }
  if (!read.ok) {
    throw new InputError(`${what} ${path} is ${read.size} bytes, over the ${maxBytes}-byte cap`);
  }
  try {
    // Fatal decoding: an id with mangled bytes would match nothing and hide nothing, silently.
    // The decoder drops a leading byte-order mark, which JSON.parse would reject.
    return new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch (error) {
    throw new InputError(`${what} ${path} is not valid UTF-8`, { cause: error });
  }
}
