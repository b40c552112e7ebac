import { InputError } from '../../../core/errors.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { defaultPageSize, maxPageSize } from './alert-list.js';

/** A page size from a query: 50 by default, 1 to 500. */
export function pageLimit(limit: number | undefined): number {
  const size = limit ?? defaultPageSize;
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw new InputError(`limit: an integer from 1 to ${maxPageSize}`);
  }
  return size;
}

/** Where a cursor says the last page ended, for a sort by one column then id. */
export function cursorAfter(
  cursor: string | undefined,
  sort: string,
  kind: 'string' | 'number',
  order: 'asc' | 'desc' = 'desc'
): { value: string | number; id: string } | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  const after = decodeCursor(cursor, sort, order);
  if (typeof after.value !== kind) {
    throw new InputError('cursor: malformed; pass back the nextCursor of the previous page');
  }
  return after;
}

/** How a list was sorted, and how to read the sort value off a row, for its next cursor. */
export interface KeysetSort<Row> {
  sort: string;
  order?: 'asc' | 'desc';
  valueOf: (row: Row) => string | number;
}

/** The page's items and, when a row beyond it was read, the cursor for the next page. */
export function pageOf<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  { sort, order = 'desc', valueOf }: KeysetSort<Row>,
  toItem: (row: Row) => Item
): { items: Item[]; nextCursor?: string } {
  const items = rows.slice(0, limit).map(toItem);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    items,
    ...(last !== undefined
      ? { nextCursor: encodeCursor({ sort, order, value: valueOf(last), id: last.id }) }
      : {}),
  };
}
