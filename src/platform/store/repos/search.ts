import { sql, type Expression, type SqlBool } from 'kysely';
import { InputError } from '../../../core/errors.js';

export const maxSearchLength = 200;

/**
 * A `like` pattern that finds `search` anywhere, case-insensitively (the column is lowered too):
 * `%`, `_` and `\` in it are matched literally. The field is named in the error.
 */
export function searchPattern(search: string, field = 'search'): string {
  const text = search.trim();
  if (text === '' || text.length > maxSearchLength) {
    throw new InputError(`${field}: 1 to ${maxSearchLength} characters`);
  }
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** True where any of `columns` contains the pattern (`searchPattern`); null columns never do. */
export function containsAny(columns: readonly string[], pattern: string): Expression<SqlBool> {
  const tests = columns.map(
    (column) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`
  );
  return sql<SqlBool>`(${sql.join(tests, sql` or `)})`;
}
