import type { Kysely } from 'kysely';

/**
 * Nodes' group, capacity type and zone (from their labels), for the inventory's node-group
 * view; and the index the fleet-wide node list pages by. Nullable as added columns must be:
 * nodes stored before this have none until their cluster's next assessment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['node_group', 'capacity_type', 'zone']) {
    await db.schema.alterTable('nodes').addColumn(column, 'text').execute();
  }
  await db.schema
    .createIndex('nodes_cluster_group')
    .on('nodes')
    .columns(['cluster_id', 'node_group', 'name'])
    .execute();
}
