import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { InputError, UsageError } from '../../../../core/errors.js';
import type { Database } from '../../schema.js';
import type { OpenedDatabase, StoreDriver, StoreOptions } from '../../types.js';
import { isSqliteUrl, sqlitePath } from './path.js';

const busyTimeoutMs = 5_000;

/**
 * In one process, two stores on one file must not migrate at once: better-sqlite3 is
 * synchronous, so the second would block the thread in `busy_timeout` while the first, which
 * holds the write lock, cannot run. Across processes `busy_timeout` does the waiting.
 */
const migrating = new Map<string, Promise<unknown>>();

async function serialised<T>(key: string, run: () => Promise<T>): Promise<T> {
  const before = migrating.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(run);
  migrating.set(key, mine);
  try {
    return await mine;
  } finally {
    if (migrating.get(key) === mine) {
      migrating.delete(key);
    }
  }
}

/** Creates the folder (0700) and the file (0600) before SQLite does, so neither is world-readable. */
function prepareFile(path: string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new UsageError(
      `cannot create the folder for the SQLite store ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error }
    );
  }
  try {
    closeSync(openSync(path, 'a', 0o600));
  } catch (error) {
    throw new UsageError(
      `cannot create the SQLite store ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error }
    );
  }
}

function openFile(path: string): BetterSqlite3.Database {
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    sqlite = new BetterSqlite3(path);
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    return sqlite;
  } catch (error) {
    sqlite?.close();
    throw new InputError(`${path}: not a usable SQLite database (${(error as Error).message})`, {
      cause: error,
    });
  }
}

async function open(url: string, options: StoreOptions): Promise<OpenedDatabase> {
  const path = sqlitePath(url, options);
  if (path !== ':memory:') {
    prepareFile(path);
  }
  const sqlite = openFile(path);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return Promise.resolve({
    db,
    dialect: 'sqlite',
    location: path,
    withMigrationLock: (migrate) => serialised(path, () => migrate(db)),
    close: () => db.destroy(),
  });
}

export const driver: StoreDriver = {
  id: 'sqlite',
  description: 'SQLite file through better-sqlite3: the embedded default, one server process',
  matches: isSqliteUrl,
  open,
};
