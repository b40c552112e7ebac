import type { Kysely } from 'kysely';

/**
 * Notification channels and their deliveries, who last changed an alert's status and when, and
 * which new alerts still have notifications to publish.
 * Same conventions as 0001: text, integer and double precision only; `enabled` is 0 or 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('status_changed_by', 'text').execute();
  await db.schema.alterTable('alerts').addColumn('status_changed_at', 'text').execute();
  // The outbox: set when a new alert still has its notifications to publish, cleared once they
  // are; a sweep publishes what a worker that died left set.
  await db.schema.alterTable('alerts').addColumn('notify_pending_since', 'text').execute();
  await db.schema
    .createIndex('alerts_notify_pending')
    .on('alerts')
    .column('notify_pending_since')
    .execute();
  await db.schema
    .createTable('notification_channels')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('config_ciphertext', 'text', (col) => col.notNull())
    .addColumn('target', 'text', (col) => col.notNull())
    .addColumn('min_severity', 'text', (col) => col.notNull())
    .addColumn('clusters', 'text')
    .addColumn('enabled', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('notification_channels_name_unique', ['name'])
    .execute();
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('alert_id', 'text', (col) =>
      col.notNull().references('alerts.id').onDelete('cascade')
    )
    .addColumn('channel_id', 'text', (col) =>
      col.notNull().references('notification_channels.id').onDelete('cascade')
    )
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('notification_deliveries_pk', ['alert_id', 'channel_id'])
    .execute();
  await db.schema
    .createIndex('notification_deliveries_channel')
    .on('notification_deliveries')
    .columns(['channel_id', 'updated_at'])
    .execute();
}
