import type { Kysely } from 'kysely';
import type { Logger } from '../../core/logger.js';
import type { Database } from './schema.js';

export type StoreDialect = 'sqlite' | 'postgres';

export interface StoreOptions {
  /** Where the default SQLite file lives; `$XDG_DATA_HOME/palisade` (or `~/.local/share/palisade`) otherwise. */
  dataDir?: string;
  /** Read for `PALISADE_SECRET_KEY` and the default data dir; `process.env` by default. */
  env?: Readonly<Record<string, string | undefined>>;
  logger?: Logger;
  /** The store's clock, for every time it writes; tests pin it. */
  now?: () => Date;
  /** PostgreSQL: how long to wait for a connection before the host counts as unreachable. */
  connectTimeoutMs?: number;
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
}

/** What a driver hands back: the query layer, and how to take the migration lock and close. */
export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** `host:port/db` or the file path: for messages, never with a password. */
  location: string;
  /**
   * Runs `migrate` so that no other server migrates this database at the same time, handing
   * it the Kysely instance to migrate with (PostgreSQL: one connection holding an advisory lock).
   */
  withMigrationLock<T>(migrate: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * One way to reach a database. Drivers are registered in `api.ts`; `openStore` asks each, in
 * order, whether it `matches` the URL the user gave.
 */
export interface StoreDriver {
  /** kebab-case, also the folder name under `drivers/`. */
  readonly id: string;
  readonly description: string;
  matches(url: string): boolean;
  /** Connects (or opens the file) and checks it answers; does not migrate. */
  open(url: string, options: StoreOptions): Promise<OpenedDatabase>;
}
