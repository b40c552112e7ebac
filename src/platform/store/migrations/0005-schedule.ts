import type { Kysely } from 'kysely';

/**
 * When each periodic task last ran, so that several servers on one database start it once:
 * a server claims a run by moving `last_run` forward only if it is still old enough.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('schedule_runs')
    .addColumn('task', 'text', (col) => col.primaryKey())
    .addColumn('last_run', 'text', (col) => col.notNull())
    .addColumn('last_outcome', 'text')
    .execute();
}
