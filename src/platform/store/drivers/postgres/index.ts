import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { ExternalHostError } from '../../../../core/errors.js';
import { silentLogger } from '../../../../core/logger.js';
import type { Database } from '../../schema.js';
import type { OpenedDatabase, StoreDriver, StoreOptions } from '../../types.js';
import { describePostgresUrl, isPostgresUrl, parsePostgresUrl, withoutPassword } from './url.js';

/** Any fixed number; advisory locks are per database, so other databases never wait on it. */
const migrationLockKey = 7_415_303_906_041_337;

async function checkReachable(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const code = (error as { code?: unknown }).code;
    const why = withoutPassword((error as Error).message || String(code), url);
    throw new ExternalHostError(
      `PostgreSQL at ${describePostgresUrl(url)} cannot be reached: ${why}`
    );
  }
}

async function open(url: string, options: StoreOptions): Promise<OpenedDatabase> {
  parsePostgresUrl(url);
  const location = describePostgresUrl(url);
  const logger = options.logger ?? silentLogger;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
  });
  // An idle connection that the server drops must not crash the process; the pool replaces it.
  pool.on('error', (error) => {
    logger.warn(
      { database: location, error: withoutPassword(error.message, url) },
      'PostgreSQL connection lost'
    );
  });
  await checkReachable(pool, url);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    location,
    withMigrationLock: (migrate) =>
      db.connection().execute(async (connection) => {
        // A session lock on one connection: the second server waits here until the first has
        // migrated, then finds nothing left to do.
        await sql`select pg_advisory_lock(${sql.lit(migrationLockKey)})`.execute(connection);
        try {
          return await migrate(connection);
        } finally {
          await sql`select pg_advisory_unlock(${sql.lit(migrationLockKey)})`.execute(connection);
        }
      }),
    close: () => db.destroy(),
  };
}

export const driver: StoreDriver = {
  id: 'postgres',
  description: 'PostgreSQL through a pg pool: several servers and workers share one database',
  matches: isPostgresUrl,
  open,
};
