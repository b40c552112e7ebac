import { isRecord } from '../../core/is-record.js';

/**
 * The two constraint failures the repositories turn into user errors, recognised the same on
 * both drivers: better-sqlite3's `SqliteError` codes and PostgreSQL's SQLSTATE.
 */

function fieldOf(error: unknown, name: string): unknown {
  return isRecord(error) ? error[name] : undefined;
}

/** The columns of the unique key `error` violates, or undefined when it is another error. */
export function uniqueViolationColumns(error: unknown): string[] | undefined {
  const code = fieldOf(error, 'code');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // "UNIQUE constraint failed: registries.name, registries.url"
    const message = error instanceof Error ? error.message : '';
    const list = message.split(': ')[1] ?? '';
    return list.split(', ').map((column) => column.split('.').pop() ?? column);
  }
  if (code === '23505') {
    // detail: "Key (registry_id, name)=(…) already exists."
    const detail = fieldOf(error, 'detail');
    const columns = typeof detail === 'string' ? /^Key \(([^)]*)\)=/.exec(detail)?.[1] : undefined;
    return columns?.split(', ') ?? [];
  }
  return undefined;
}

export function isForeignKeyViolation(error: unknown): boolean {
  const code = fieldOf(error, 'code');
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}
