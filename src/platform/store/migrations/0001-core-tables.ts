import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/**
 * The platform's core tables, for SQLite and PostgreSQL alike: only `text`, `integer` and
 * `double precision` columns, times as ISO 8601 text, JSON as text (see `schema.ts`).
 * Children of clusters, registries and images go when their parent goes.
 */
async function createAccessTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .addUniqueConstraint('api_tokens_token_hash_unique', ['token_hash'])
    .execute();
  await db.schema
    .createTable('clusters')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('config', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('clusters_name_unique', ['name'])
    .execute();
  await db.schema
    .createTable('webhook_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('cluster_id', 'text', (col) =>
      col.notNull().references('clusters.id').onDelete('cascade')
    )
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .addUniqueConstraint('webhook_tokens_token_hash_unique', ['token_hash'])
    .execute();
  await db.schema
    .createIndex('webhook_tokens_cluster')
    .on('webhook_tokens')
    .column('cluster_id')
    .execute();
}

async function createImageTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('registries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('username', 'text')
    .addColumn('secret_ciphertext', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('registries_name_unique', ['name'])
    .execute();
  await db.schema
    .createTable('repositories')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('registry_id', 'text', (col) =>
      col.notNull().references('registries.id').onDelete('cascade')
    )
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('repositories_registry_name_unique', ['registry_id', 'name'])
    .execute();
  await db.schema
    .createTable('images')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('registry_id', 'text', (col) =>
      col.notNull().references('registries.id').onDelete('cascade')
    )
    .addColumn('repository', 'text', (col) => col.notNull())
    .addColumn('digest', 'text', (col) => col.notNull())
    .addColumn('tags', 'text', (col) => col.notNull())
    .addColumn('sbom', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_scanned_at', 'text')
    .addUniqueConstraint('images_registry_repository_digest_unique', [
      'registry_id',
      'repository',
      'digest',
    ])
    .execute();
  await db.schema.createIndex('images_digest').on('images').column('digest').execute();
  await db.schema
    .createTable('scans')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('image_id', 'text', (col) =>
      col.notNull().references('images.id').onDelete('cascade')
    )
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('queued_at', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('scans_image')
    .on('scans')
    .columns(['image_id', 'queued_at'])
    .execute();
  await db.schema.createIndex('scans_status').on('scans').column('status').execute();
  await db.schema
    .createTable('findings')
    .addColumn('image_id', 'text', (col) =>
      col.notNull().references('images.id').onDelete('cascade')
    )
    .addColumn('vulnerability_id', 'text', (col) => col.notNull())
    .addColumn('package_purl', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull())
    .addColumn('fixed_version', 'text')
    .addColumn('first_seen', 'text', (col) => col.notNull())
    .addColumn('fixed_at', 'text')
    .addPrimaryKeyConstraint('findings_pk', ['image_id', 'vulnerability_id', 'package_purl'])
    .execute();
  await db.schema
    .createIndex('findings_vulnerability')
    .on('findings')
    .column('vulnerability_id')
    .execute();
}

function clusterReference(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder {
  return col.notNull().references('clusters.id').onDelete('cascade');
}

async function createClusterTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('nodes')
    .addColumn('cluster_id', 'text', clusterReference)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('vcpus', 'integer', (col) => col.notNull())
    .addColumn('seen_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('nodes_pk', ['cluster_id', 'name'])
    .execute();
  await db.schema
    .createTable('workloads')
    .addColumn('cluster_id', 'text', clusterReference)
    .addColumn('namespace', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('images', 'text', (col) => col.notNull())
    .addColumn('seen_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('workloads_pk', ['cluster_id', 'namespace', 'kind', 'name'])
    .execute();
  await db.schema
    .createTable('recommendations')
    .addColumn('cluster_id', 'text', clusterReference)
    .addColumn('check_id', 'text', (col) => col.notNull())
    .addColumn('resource_key', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull())
    .addColumn('first_seen', 'text', (col) => col.notNull())
    .addColumn('last_seen', 'text', (col) => col.notNull())
    .addColumn('resolved_at', 'text')
    .addPrimaryKeyConstraint('recommendations_pk', ['cluster_id', 'check_id', 'resource_key'])
    .execute();
  await db.schema
    .createIndex('recommendations_cluster_status')
    .on('recommendations')
    .columns(['cluster_id', 'status'])
    .execute();
  await db.schema
    .createTable('metering')
    .addColumn('cluster_id', 'text', clusterReference)
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('vcores', 'double precision', (col) => col.notNull())
    .addPrimaryKeyConstraint('metering_pk', ['cluster_id', 'day'])
    .execute();
}

async function createAlertTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('cluster_id', 'text', clusterReference)
    .addColumn('rule', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull())
    .addColumn('severity_rank', 'integer', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('dismiss_reason', 'text')
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addColumn('first_seen', 'text', (col) => col.notNull())
    .addColumn('last_seen', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  // The list's filters lead, its default sort (last seen, then id) follows.
  await db.schema
    .createIndex('alerts_cluster_status_last_seen')
    .on('alerts')
    .columns(['cluster_id', 'status', 'last_seen', 'id'])
    .execute();
  await db.schema
    .createIndex('alerts_last_seen')
    .on('alerts')
    .columns(['last_seen', 'id'])
    .execute();
  await db.schema.createIndex('alerts_rule').on('alerts').column('rule').execute();
  await db.schema
    .createTable('suppression_rules')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('expires', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await createAccessTables(db);
  await createImageTables(db);
  await createClusterTables(db);
  await createAlertTables(db);
}
