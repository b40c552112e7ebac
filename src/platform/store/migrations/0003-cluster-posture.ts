import type { Kysely } from 'kysely';

/**
 * Cluster posture, inventory and metering: what the assess pipeline writes. Columns added to
 * 0001's tables are nullable (an added column cannot be NOT NULL without a default on both
 * dialects); the repositories always write them.
 */
async function extendClusters(db: Kysely<unknown>): Promise<void> {
  // An inline kubeconfig, sealed like a registry secret; the config JSON never holds it.
  await db.schema.alterTable('clusters').addColumn('kubeconfig_ciphertext', 'text').execute();
  await db.schema.alterTable('clusters').addColumn('last_assessed_at', 'text').execute();
}

async function extendInventory(db: Kysely<unknown>): Promise<void> {
  const nodeColumns = [
    'architecture',
    'operating_system',
    'os_image',
    'kubelet_version',
    'instance_type',
    'problem',
  ];
  // Exact CPU capacity; `vcpus` (0001, integer) holds it rounded up to whole vCPUs.
  await db.schema.alterTable('nodes').addColumn('cpu_millicores', 'integer').execute();
  for (const column of nodeColumns) {
    await db.schema.alterTable('nodes').addColumn(column, 'text').execute();
  }
}

async function extendRecommendations(db: Kysely<unknown>): Promise<void> {
  const textColumns = [
    'id',
    'title',
    'controls',
    'resource_kind',
    'resource_namespace',
    'resource_name',
    'message',
    'reopened_at',
    'last_assessed_at',
  ];
  for (const column of textColumns) {
    await db.schema.alterTable('recommendations').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('recommendations').addColumn('severity_rank', 'integer').execute();
  await db.schema.alterTable('recommendations').addColumn('reopen_count', 'integer').execute();
  await db.schema
    .createIndex('recommendations_id')
    .unique()
    .on('recommendations')
    .column('id')
    .execute();
  // The list's default order (worst first, then id), across clusters and within one.
  await db.schema
    .createIndex('recommendations_severity')
    .on('recommendations')
    .columns(['severity_rank', 'id'])
    .execute();
  await db.schema
    .createIndex('recommendations_cluster_severity')
    .on('recommendations')
    .columns(['cluster_id', 'severity_rank', 'id'])
    .execute();
}

async function createAssessments(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('cluster_id', 'text', (col) =>
      col.notNull().references('clusters.id').onDelete('cascade')
    )
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .addColumn('attempt', 'integer', (col) => col.notNull())
    .addColumn('results', 'integer', (col) => col.notNull())
    .addColumn('failed', 'integer', (col) => col.notNull())
    .addColumn('passed', 'integer', (col) => col.notNull())
    .addColumn('manual', 'integer', (col) => col.notNull())
    .addColumn('exempted', 'integer', (col) => col.notNull())
    .addColumn('nodes', 'integer')
    .addColumn('vcores', 'double precision')
    .addColumn('workloads', 'integer')
    .addColumn('frameworks', 'text', (col) => col.notNull())
    .addColumn('checks', 'text', (col) => col.notNull())
    .addColumn('notes', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('assessments_cluster_started')
    .on('assessments')
    .columns(['cluster_id', 'started_at', 'id'])
    .execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await extendClusters(db);
  await extendInventory(db);
  await extendRecommendations(db);
  await createAssessments(db);
}
