import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { isRecord } from '../../../core/is-record.js';
import { uniqueViolationColumns } from '../db-errors.js';
import type { ClustersTable } from '../schema.js';
import { missingSecretKey } from '../secret-box.js';
import { checkClusterConfig } from './cluster-config.js';
import type { RepoContext } from './context.js';
import { oneOf, requiredText } from './validate.js';

/** Where a cluster was found; cloud connectors add theirs. */
export const clusterSources = ['kubeconfig-context', 'eks'] as const;
export type ClusterSource = (typeof clusterSources)[number];

export interface Cluster {
  id: string;
  name: string;
  source: ClusterSource;
  /** How to reach it (`cluster-config.ts`): `{ kubeconfig?, context? }`, never inline data. */
  config: Record<string, unknown>;
  /** Whether an inline kubeconfig is stored (sealed); the text itself only from `connection`. */
  hasKubeconfigData: boolean;
  createdAt: string;
  /** The end of its last successful assessment. */
  lastAssessedAt?: string;
}

/** What a worker needs to reach a cluster: the cluster and its inline kubeconfig, opened. */
export interface ClusterConnection {
  cluster: Cluster;
  kubeconfigData?: string;
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
  /** With the inline kubeconfig decrypted: for the assess pipeline, never for an answer. */
  connection(id: string): Promise<ClusterConnection>;
  /** Records the end of a successful assessment. */
  markAssessed(id: string, at: string): Promise<void>;
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
    hasKubeconfigData: row.kubeconfig_ciphertext !== null,
    createdAt: row.created_at,
    ...(row.last_assessed_at !== null ? { lastAssessedAt: row.last_assessed_at } : {}),
  };
}

export function clusterRepo({ db, now, secretBox }: RepoContext): ClusterRepo {
  async function getRow(id: string): Promise<ClustersTable> {
    const row = await db.selectFrom('clusters').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) {
      throw new NotFoundError(`no cluster with id ${id}`);
    }
    return row;
  }

  return {
    async add(input) {
      const id = randomUUID();
      const name = requiredText(input.name, 'name');
      const source = oneOf(input.source, clusterSources, 'source');
      const checked = checkClusterConfig(source, input.config ?? {});
      let sealed: string | null = null;
      if (checked.kubeconfigData !== undefined) {
        if (secretBox === undefined) {
          throw missingSecretKey(`the kubeconfig of cluster ${JSON.stringify(name)}`);
        }
        sealed = secretBox.seal(checked.kubeconfigData, id);
      }
      const row: ClustersTable = {
        id,
        name,
        source,
        config: JSON.stringify(checked.stored),
        created_at: now(),
        kubeconfig_ciphertext: sealed,
        last_assessed_at: null,
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

    get: async (id) => toCluster(await getRow(id)),

    async connection(id) {
      const row = await getRow(id);
      const cluster = toCluster(row);
      if (row.kubeconfig_ciphertext === null) {
        return { cluster };
      }
      if (secretBox === undefined) {
        throw missingSecretKey(`the stored kubeconfig of cluster ${JSON.stringify(row.name)}`);
      }
      return { cluster, kubeconfigData: secretBox.open(row.kubeconfig_ciphertext, row.id) };
    },

    async markAssessed(id, at) {
      await db.updateTable('clusters').set({ last_assessed_at: at }).where('id', '=', id).execute();
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
