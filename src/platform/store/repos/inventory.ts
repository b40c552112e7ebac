import { InputError, NotFoundError } from '../../../core/errors.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { isForeignKeyViolation } from '../db-errors.js';
import type { NodesTable, WorkloadsTable } from '../schema.js';
import type { Page } from './alerts.js';
import type { RepoContext } from './context.js';
import { requiredText } from './validate.js';

/** A node as the inventory keeps it (the posture engine's `ClusterNode`, plus when). */
export interface InventoryNode {
  name: string;
  /** Whole vCPUs, rounded up; 0 when the capacity could not be read (`problem` says why). */
  vcpus: number;
  cpuMillicores?: number;
  architecture?: string;
  operatingSystem?: string;
  osImage?: string;
  kubeletVersion?: string;
  instanceType?: string;
  problem?: string;
  /** The node group, Karpenter node pool or Fargate profile its labels name (0007). */
  nodeGroup?: string;
  /** `on-demand`, `spot`, `fargate`… (0007). */
  capacityType?: string;
  zone?: string;
}

export interface StoredNode extends InventoryNode {
  clusterId: string;
  seenAt: string;
}

export interface InventoryImage {
  container: string;
  image: string;
  digests: string[];
}

export interface InventoryWorkload {
  kind: string;
  namespace: string;
  name: string;
  images: InventoryImage[];
}

export interface StoredWorkload extends InventoryWorkload {
  clusterId: string;
  seenAt: string;
}

export interface WorkloadQuery {
  namespace?: string;
  /** 100 by default, at most 1000. */
  limit?: number;
  cursor?: string;
}

/** What one assessment saw: each replaces the cluster's previous set whole, in a transaction. */
export interface InventoryRepo {
  replaceNodes(clusterId: string, nodes: readonly InventoryNode[], at: string): Promise<void>;
  replaceWorkloads(
    clusterId: string,
    workloads: readonly InventoryWorkload[],
    at: string
  ): Promise<void>;
  /** By name; a cluster has a few thousand nodes at most. */
  nodes(clusterId: string): Promise<StoredNode[]>;
  /** By namespace, kind and name. */
  workloads(clusterId: string, query?: WorkloadQuery): Promise<Page<StoredWorkload>>;
}

const chunk = 200;
const nodeOptional = [
  ['architecture', 'architecture'],
  ['operatingSystem', 'operating_system'],
  ['osImage', 'os_image'],
  ['kubeletVersion', 'kubelet_version'],
  ['instanceType', 'instance_type'],
  ['problem', 'problem'],
  ['nodeGroup', 'node_group'],
  ['capacityType', 'capacity_type'],
  ['zone', 'zone'],
] as const;

function nodeRow(clusterId: string, node: InventoryNode, at: string): NodesTable {
  const millis = node.cpuMillicores;
  if (millis !== undefined && (!Number.isSafeInteger(millis) || millis < 0)) {
    throw new InputError('cpuMillicores: a non-negative integer');
  }
  const row: NodesTable = {
    cluster_id: clusterId,
    name: requiredText(node.name, 'name', 253),
    vcpus: millis === undefined ? 0 : Math.ceil(millis / 1000),
    seen_at: at,
    cpu_millicores: millis ?? null,
    architecture: null,
    operating_system: null,
    os_image: null,
    kubelet_version: null,
    instance_type: null,
    problem: null,
    node_group: null,
    capacity_type: null,
    zone: null,
  };
  for (const [field, column] of nodeOptional) {
    const value = node[field];
    row[column] = value === undefined ? null : value.slice(0, 1024);
  }
  return row;
}

export function toNode(row: NodesTable): StoredNode {
  const node: StoredNode = {
    clusterId: row.cluster_id,
    name: row.name,
    vcpus: row.vcpus,
    seenAt: row.seen_at,
  };
  if (row.cpu_millicores !== null) {
    node.cpuMillicores = row.cpu_millicores;
  }
  for (const [field, column] of nodeOptional) {
    const value = row[column];
    if (value !== null) {
      node[field] = value;
    }
  }
  return node;
}

function workloadRow(clusterId: string, workload: InventoryWorkload, at: string): WorkloadsTable {
  return {
    cluster_id: clusterId,
    namespace: workload.namespace,
    kind: requiredText(workload.kind, 'kind'),
    name: requiredText(workload.name, 'name', 253),
    images: JSON.stringify(workload.images),
    seen_at: at,
  };
}

export function toWorkload(row: WorkloadsTable): StoredWorkload {
  const images: unknown = JSON.parse(row.images);
  return {
    clusterId: row.cluster_id,
    namespace: row.namespace,
    kind: row.kind,
    name: row.name,
    images: Array.isArray(images) ? (images as InventoryImage[]) : [],
    seenAt: row.seen_at,
  };
}

function missingCluster(error: unknown, clusterId: string): unknown {
  return isForeignKeyViolation(error)
    ? new NotFoundError(`no cluster with id ${clusterId}`, { cause: error })
    : error;
}

const workloadSort = 'namespace,kind,name';

export function parseJson(value: string | number): unknown {
  try {
    return typeof value === 'string' ? JSON.parse(value) : undefined;
  } catch {
    return undefined;
  }
}

export function inventoryRepo({ db }: RepoContext): InventoryRepo {
  return {
    async replaceNodes(clusterId, nodes, at) {
      const rows = nodes.map((node) => nodeRow(clusterId, node, at));
      try {
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('nodes').where('cluster_id', '=', clusterId).execute();
          for (let start = 0; start < rows.length; start += chunk) {
            await trx
              .insertInto('nodes')
              .values(rows.slice(start, start + chunk))
              .execute();
          }
        });
      } catch (error) {
        throw missingCluster(error, clusterId);
      }
    },

    async replaceWorkloads(clusterId, workloads, at) {
      const rows = workloads.map((workload) => workloadRow(clusterId, workload, at));
      try {
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('workloads').where('cluster_id', '=', clusterId).execute();
          for (let start = 0; start < rows.length; start += chunk) {
            await trx
              .insertInto('workloads')
              .values(rows.slice(start, start + chunk))
              .execute();
          }
        });
      } catch (error) {
        throw missingCluster(error, clusterId);
      }
    },

    async nodes(clusterId) {
      const rows = await db
        .selectFrom('nodes')
        .selectAll()
        .where('cluster_id', '=', clusterId)
        .orderBy('name')
        .execute();
      return rows.map(toNode);
    },

    async workloads(clusterId, query = {}) {
      const limit = query.limit ?? 100;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new InputError('limit: an integer from 1 to 1000');
      }
      let select = db.selectFrom('workloads').selectAll().where('cluster_id', '=', clusterId);
      if (query.namespace !== undefined) {
        select = select.where('namespace', '=', query.namespace);
      }
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor, workloadSort, 'asc');
        const parts = parseJson(after.value);
        if (
          !Array.isArray(parts) ||
          parts.length !== 2 ||
          !parts.every((p) => typeof p === 'string')
        ) {
          throw new InputError('cursor: malformed; pass back the nextCursor of the previous page');
        }
        const [namespace, kind] = parts as [string, string];
        select = select.where((eb) =>
          eb(eb.refTuple('namespace', 'kind', 'name'), '>', eb.tuple(namespace, kind, after.id))
        );
      }
      const rows = await select
        .orderBy('namespace')
        .orderBy('kind')
        .orderBy('name')
        .limit(limit + 1)
        .execute();
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items: rows.slice(0, limit).map(toWorkload),
        ...(last !== undefined
          ? {
              nextCursor: encodeCursor({
                sort: workloadSort,
                order: 'asc',
                value: JSON.stringify([last.namespace, last.kind]),
                id: last.name,
              }),
            }
          : {}),
      };
    },
  };
}
