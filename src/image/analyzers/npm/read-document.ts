import { InputError } from '../../../core/errors.js';
import { isRecord } from '../../../core/is-record.js';

/** npm and the lock writers write UTF-8; a byte-order mark (some editors add one) is dropped. */
export function decodeText(content: Buffer): string {
  const text = content.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

export function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(decodeText(content));
  } catch (error) {
    throw new InputError(`not JSON: ${jsonProblem(error)}`);
  }
}

export { isRecord };

/** `Object.entries`, for a value that must be a mapping when present. */
export function entriesOf(value: unknown, what: string): [string, unknown][] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!isRecord(value)) {
    throw new InputError(`${what} is not an object`);
  }
  return Object.entries(value);
}

/**
 * V8 quotes a piece of the document in its message (`Unexpected token 'x', "…" is not valid
 * JSON`); a lock file's URLs can hold registry credentials, so the quote is cut.
 */
function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = (message.split('\n')[0] ?? '').replace(
    /,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s,
    ''
  );
  return printable(line);
}

/** Control characters from a hostile file must not reach a terminal through a note. */
export function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, '?');
}
