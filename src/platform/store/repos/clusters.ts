import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { isRecord } from '../../../core/is-record.js';
import { uniqueViolationColumns } from '../db-errors.js';
import type { ClustersTable } from '../schema.js';
import type { RepoContext } from './context.js';
import { oneOf, requiredText } from './validate.js';

/** Where a cluster was found; cloud connectors add theirs. */
export const clusterSources = ['kubeconfig-context', 'eks'] as const;
export type ClusterSource = (typeof clusterSources)[number];

export interface Cluster {
  id: string;
  name: string;
  source: ClusterSource;
  /** How to reach it: `{ kubeconfig, context }`, `{ accountId, region, arn }`… */
  config: Record<string, unknown>;
  createdAt: string;
}

export interface NewCluster {
  name: string;
  source: ClusterSource;
  config?: Record<string, unknown>;
}

export interface ClusterRepo {
  /** A name already taken is an InputError naming `name`. */
  add(input: NewCluster): Promise<Cluster>;
  get(id: string): Promise<Cluster>;
  findByName(name: string): Promise<Cluster | undefined>;
  /** By name. */
  list(): Promise<Cluster[]>;
  /** Its nodes, workloads, recommendations, alerts, metering and webhook tokens go with it. */
  remove(id: string): Promise<void>;
}

function toCluster(row: ClustersTable): Cluster {
  const config: unknown = JSON.parse(row.config);
  return {
    id: row.id,
    name: row.name,
    source: row.source as ClusterSource,
    config: isRecord(config) ? config : {},
    createdAt: row.created_at,
  };
}

export function clusterRepo({ db, now }: RepoContext): ClusterRepo {
  return {
    async add(input) {
      const config = input.config ?? {};
      if (!isRecord(config)) {
        throw new InputError('config: must be an object');
      }
      const row: ClustersTable = {
        id: randomUUID(),
        name: requiredText(input.name, 'name'),
        source: oneOf(input.source, clusterSources, 'source'),
        config: JSON.stringify(config),
        created_at: now(),
      };
      try {
        await db.insertInto('clusters').values(row).execute();
      } catch (error) {
        if (uniqueViolationColumns(error)?.includes('name') === true) {
          throw new InputError(`name: a cluster named ${JSON.stringify(row.name)} already exists`, {
            cause: error,
          });
        }
        throw error;
      }
      return toCluster(row);
    },

    async get(id) {
      const row = await db
        .selectFrom('clusters')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) {
        throw new NotFoundError(`no cluster with id ${id}`);
      }
      return toCluster(row);
    },

    async findByName(name) {
      const row = await db
        .selectFrom('clusters')
        .selectAll()
        .where('name', '=', name)
        .executeTakeFirst();
      return row && toCluster(row);
    },

    async list() {
      const rows = await db.selectFrom('clusters').selectAll().orderBy('name').execute();
      return rows.map(toCluster);
    },

    async remove(id) {
      const result = await db.deleteFrom('clusters').where('id', '=', id).executeTakeFirst();
      if (result.numDeletedRows === 0n) {
        throw new NotFoundError(`no cluster with id ${id}`);
      }
    },
  };
}
