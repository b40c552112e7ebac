import { InputError } from '../../core/errors.js';

/**
 * Keyset pagination: a cursor is where the last page ended (its sort value and id, the id
 * breaking ties) and the sort it was made for, as base64url JSON. Opaque to clients; rows
 * added or removed meanwhile never shift a page.
 */
export interface CursorPosition {
  sort: string;
  order: 'asc' | 'desc';
  value: string | number;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  const { sort, order, value, id } = position;
  return Buffer.from(JSON.stringify([sort, order, value, id]), 'utf8').toString('base64url');
}

/** The position, checked to be for this sort and order. */
export function decodeCursor(cursor: string, sort: string, order: 'asc' | 'desc'): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    (typeof parsed[2] !== 'string' && typeof parsed[2] !== 'number') ||
    typeof parsed[3] !== 'string'
  ) {
    throw new InputError('cursor: malformed; pass back the nextCursor of the previous page');
  }
  if (parsed[0] !== sort || parsed[1] !== order) {
    throw new InputError(
      `cursor: made for another sort; ask again without a cursor to sort by ${sort} ${order}`
    );
  }
  return { sort, order, value: parsed[2], id: parsed[3] };
}
