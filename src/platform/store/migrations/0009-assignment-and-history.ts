import type { Kysely } from 'kysely';

/**
 * Who an alert is assigned to; the raw audit events behind each alert (a few, redacted), as its
 * evidence; and the secure score over time: one row per scope (overall, an account, a cluster)
 * each time the scheduler records the score, so the dashboard can draw its trend without
 * recomputing the past.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('assignee', 'text').execute();
  await db.schema.createIndex('alerts_assignee').on('alerts').column('assignee').execute();
  // The alert trend groups by the day alerts were first seen.
  await db.schema.createIndex('alerts_first_seen').on('alerts').column('first_seen').execute();
  await db.schema
    .createTable('alert_events')
    .addColumn('alert_id', 'text', (col) =>
      col.notNull().references('alerts.id').onDelete('cascade')
    )
    .addColumn('audit_id', 'text', (col) => col.notNull())
    .addColumn('received_at', 'text', (col) => col.notNull())
    .addColumn('event', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('alert_events_key', ['alert_id', 'audit_id'])
    .execute();
  await db.schema
    .createTable('score_history')
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('scope_id', 'text', (col) => col.notNull())
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .addColumn('score', 'double precision', (col) => col.notNull())
    .addColumn('earned', 'double precision', (col) => col.notNull())
    .addColumn('max_points', 'double precision', (col) => col.notNull())
    .addPrimaryKeyConstraint('score_history_key', ['scope', 'scope_id', 'recorded_at'])
    .execute();
}
