import type { Kysely } from 'kysely';

/**
 * What image scanning needs beyond 0001: who ran a scan, on which delivery and why; findings
 * with their package and title, a rank to sort by and an id for cursors; and, per image, the
 * advisory database its findings were matched against. One column per statement: SQLite adds
 * columns one at a time, and a NOT NULL column needs a default there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const scans = (): ReturnType<Kysely<unknown>['schema']['alterTable']> =>
    db.schema.alterTable('scans');
  await scans()
    .addColumn('attempt', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await scans().addColumn('worker', 'text').execute();
  // Renewed while a worker runs the scan; a running scan that stops beating lost its worker.
  await scans().addColumn('heartbeat_at', 'text').execute();
  await scans()
    .addColumn('trigger', 'text', (col) => col.notNull().defaultTo('added'))
    .execute();
  await scans().addColumn('note', 'text').execute();
  await scans().addColumn('package_count', 'integer').execute();
  await scans().addColumn('finding_count', 'integer').execute();

  const findings = (): ReturnType<Kysely<unknown>['schema']['alterTable']> =>
    db.schema.alterTable('findings');
  // Nullable only because ALTER cannot fill it for rows that might exist; every row written
  // since has one (nothing wrote findings before 0002).
  await findings().addColumn('id', 'text').execute();
  await findings()
    .addColumn('package_name', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await findings()
    .addColumn('package_version', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await findings().addColumn('title', 'text').execute();
  await findings()
    .addColumn('severity_rank', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('findings_id').on('findings').column('id').unique().execute();
  // The list's default sort (worst first, then id) and the per-image counts.
  await db.schema
    .createIndex('findings_rank')
    .on('findings')
    .columns(['severity_rank', 'id'])
    .execute();
  await db.schema
    .createIndex('findings_image_state')
    .on('findings')
    .columns(['image_id', 'fixed_at'])
    .execute();

  await db.schema.alterTable('images').addColumn('advisories_built_at', 'text').execute();
  await db.schema
    .createIndex('images_created')
    .on('images')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('scans_status_queued')
    .on('scans')
    .columns(['status', 'queued_at', 'id'])
    .execute();
}
