import type { Kysely } from 'kysely';

/**
 * Recommendation exemptions: a failing resource an operator has accepted stops counting against
 * the secure score until the exemption expires. They are applied when read, never folded into
 * the recommendation rows, so adding one, removing one or reaching its expiry takes effect
 * without another assessment. Same conventions as 0001: text and integer columns only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('exemptions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    // Null: every cluster, including clusters added later.
    .addColumn('cluster_id', 'text', (col) => col.references('clusters.id').onDelete('cascade'))
    .addColumn('check_id', 'text', (col) => col.notNull())
    // At most one of the two is set; neither: every resource of the check.
    .addColumn('resource_key', 'text')
    .addColumn('namespace', 'text')
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  // Applying them reads the exemptions of a few checks at a time.
  await db.schema
    .createIndex('exemptions_check')
    .on('exemptions')
    .columns(['check_id', 'cluster_id'])
    .execute();
  await db.schema
    .createIndex('exemptions_created')
    .on('exemptions')
    .columns(['created_at', 'id'])
    .execute();
}
