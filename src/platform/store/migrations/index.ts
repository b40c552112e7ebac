import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { InputError } from '../../../core/errors.js';
import type { Database } from '../schema.js';
import * as coreTables from './0001-core-tables.js';
import * as imageScans from './0002-image-scans.js';
import * as clusterPosture from './0003-cluster-posture.js';
import * as notifications from './0004-notifications.js';
import * as schedule from './0005-schedule.js';
import * as exemptions from './0006-exemptions.js';
import * as nodeGroups from './0007-node-groups.js';
import * as knownExploited from './0008-known-exploited.js';
import * as assignmentAndHistory from './0009-assignment-and-history.js';

/**
 * Every migration, in order, listed in code rather than read from a folder so that they run
 * the same from `src/` under vitest and from `dist/` in the package. Never edit one that has
 * shipped: add the next.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-core-tables': coreTables,
  '0002-image-scans': imageScans,
  '0003-cluster-posture': clusterPosture,
  '0004-notifications': notifications,
  '0005-schedule': schedule,
  '0006-exemptions': exemptions,
  '0007-node-groups': nodeGroups,
  '0008-known-exploited': knownExploited,
  '0009-assignment-and-history': assignmentAndHistory,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...migrations }),
};

/** Kysely's bookkeeping tables, named so they read as the store's own. */
const migrationTableName = 'palisade_migrations';
const migrationLockTableName = 'palisade_migrations_lock';

/**
 * Applies the migrations not yet applied and returns their names (none when the schema is
 * current). Kysely runs them in one transaction on both dialects (DDL is transactional on both),
 * so a failure leaves the schema as it was.
 */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName, migrationLockTableName });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    if (
      error instanceof Error &&
      /previously executed migration .* is missing/.test(error.message)
    ) {
      throw new InputError(
        `this store was migrated by a newer palisade (${error.message}); upgrade palisade to use it`,
        { cause: error }
      );
    }
    throw new Error(
      `store migration ${failed ?? '(bookkeeping)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error }
    );
  }
  return results
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
