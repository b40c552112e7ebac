import { sql } from 'kysely';
import { InputError } from '../../../core/errors.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { Page } from './alerts.js';
import type { RepoContext } from './context.js';
import {
  parseJson,
  toNode,
  toWorkload,
  type StoredNode,
  type StoredWorkload,
} from './inventory.js';
import { pageLimit } from './keyset.js';
import { containsAny, searchPattern } from './search.js';

/** Nodes across the fleet, by cluster name, node group (none first) and name. */
export interface NodeQuery {
  clusterId?: string;
  nodeGroup?: string;
  architecture?: string;
  capacityType?: string;
  /** Anywhere in the name, node group, instance type, OS image, kubelet version or zone. */
  search?: string;
  /** 50 by default, at most 500. */
  limit?: number;
  cursor?: string;
}

/** Workloads across the fleet, by cluster name, namespace, kind and name. */
export interface FleetWorkloadQuery {
  clusterId?: string;
  namespace?: string;
  kind?: string;
  /** Anywhere in the name, the namespace, or a container's name or image. */
  search?: string;
  /** 50 by default, at most 500. */
  limit?: number;
  cursor?: string;
}

/** One node group of one cluster (nodes without a group are one group without a name). */
export interface NodeGroupSummary {
  clusterId: string;
  nodeGroup?: string;
  nodes: number;
  /** The exact total of `status.capacity.cpu`. */
  vcpus: number;
  architectures: string[];
  capacityTypes: string[];
  instanceTypes: string[];
  zones: string[];
}

/** What the inventory shows of a cluster beside its name: sizes and what is open on it. */
export interface ClusterInventoryCounts {
  clusterId: string;
  nodes: number;
  vcpus: number;
  nodeGroups: number;
  workloads: number;
  failingRecommendations: number;
  openAlerts: number;
}

export interface RegistryInventoryCounts {
  registryId: string;
  repositories: number;
  images: number;
  /** Images with an open critical or high finding. */
  vulnerableImages: number;
}

export interface FleetInventoryRepo {
  fleetNodes(query?: NodeQuery): Promise<Page<StoredNode & { clusterName: string }>>;
  fleetWorkloads(
    query?: FleetWorkloadQuery
  ): Promise<Page<StoredWorkload & { clusterName: string }>>;
  /** By cluster id, then node group (none first). */
  nodeGroups(clusterId?: string): Promise<NodeGroupSummary[]>;
  /** Every cluster's counts (zero when it has nothing yet), in no particular order. */
  clusterCounts(): Promise<ClusterInventoryCounts[]>;
  /** Every registry's counts (zero before its first discovery), in no particular order. */
  registryCounts(): Promise<RegistryInventoryCounts[]>;
}

const nodeSort = 'cluster,nodeGroup,name';
const workloadSort = 'cluster,namespace,kind,name';

/** The string parts a cursor's value holds (its JSON), or an error naming `cursor`. */
function cursorParts(cursor: string, sort: string, count: number): [string[], string] {
  const after = decodeCursor(cursor, sort, 'asc');
  const parts = parseJson(after.value);
  if (
    !Array.isArray(parts) ||
    parts.length !== count ||
    !parts.every((part) => typeof part === 'string')
  ) {
    throw new InputError('cursor: malformed; pass back the nextCursor of the previous page');
  }
  return [parts, after.id];
}

function nextCursor(sort: string, parts: string[], id: string): string {
  return encodeCursor({ sort, order: 'asc', value: JSON.stringify(parts), id });
}

function sortedSet(values: Iterable<string | null>): string[] {
  return [...new Set([...values].filter((value): value is string => value !== null))].sort();
}

// PostgreSQL answers count(*) and sum() of integers as strings (bigint), SQLite as numbers.
type Counted = number | string | bigint;

export function fleetInventoryRepo({ db }: RepoContext): FleetInventoryRepo {
  return {
    async fleetNodes(query = {}) {
      const limit = pageLimit(query.limit);
      let select = db
        .selectFrom('nodes')
        .innerJoin('clusters', 'clusters.id', 'nodes.cluster_id')
        .selectAll('nodes')
        .select('clusters.name as cluster_name');
      if (query.clusterId !== undefined) {
        select = select.where('nodes.cluster_id', '=', query.clusterId);
      }
      if (query.nodeGroup !== undefined) {
        select = select.where('nodes.node_group', '=', query.nodeGroup);
      }
      if (query.architecture !== undefined) {
        select = select.where('nodes.architecture', '=', query.architecture);
      }
      if (query.capacityType !== undefined) {
        select = select.where('nodes.capacity_type', '=', query.capacityType);
      }
      if (query.search !== undefined) {
        const columns = ['name', 'node_group', 'instance_type', 'os_image', 'kubelet_version'];
        select = select.where(
          containsAny(
            [...columns, 'zone'].map((c) => `nodes.${c}`),
            searchPattern(query.search)
          )
        );
      }
      const group = sql<string>`coalesce(${sql.ref('nodes.node_group')}, '')`;
      if (query.cursor !== undefined) {
        const [[cluster = '', nodeGroup = ''], name] = cursorParts(query.cursor, nodeSort, 2);
        select = select.where(
          sql<boolean>`(${sql.ref('clusters.name')}, ${group}, ${sql.ref('nodes.name')}) > (${cluster}, ${nodeGroup}, ${name})`
        );
      }
      const rows = await select
        .orderBy('clusters.name')
        .orderBy(group)
        .orderBy('nodes.name')
        .limit(limit + 1)
        .execute();
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items: rows.slice(0, limit).map(({ cluster_name, ...row }) => ({
          ...toNode(row),
          clusterName: cluster_name,
        })),
        ...(last !== undefined
          ? {
              nextCursor: nextCursor(
                nodeSort,
                [last.cluster_name, last.node_group ?? ''],
                last.name
              ),
            }
          : {}),
      };
    },

    async fleetWorkloads(query = {}) {
      const limit = pageLimit(query.limit);
      let select = db
        .selectFrom('workloads')
        .innerJoin('clusters', 'clusters.id', 'workloads.cluster_id')
        .selectAll('workloads')
        .select('clusters.name as cluster_name');
      if (query.clusterId !== undefined) {
        select = select.where('workloads.cluster_id', '=', query.clusterId);
      }
      if (query.namespace !== undefined) {
        select = select.where('workloads.namespace', '=', query.namespace);
      }
      if (query.kind !== undefined) {
        select = select.where('workloads.kind', '=', query.kind);
      }
      if (query.search !== undefined) {
        // The images column is their JSON: container names, references and digests.
        const columns = ['workloads.name', 'workloads.namespace', 'workloads.images'];
        select = select.where(containsAny(columns, searchPattern(query.search)));
      }
      if (query.cursor !== undefined) {
        const [[cluster = '', namespace = '', kind = ''], name] = cursorParts(
          query.cursor,
          workloadSort,
          3
        );
        select = select.where((eb) =>
          eb(
            eb.refTuple('clusters.name', 'workloads.namespace', 'workloads.kind', 'workloads.name'),
            '>',
            eb.tuple(cluster, namespace, kind, name)
          )
        );
      }
      const rows = await select
        .orderBy('clusters.name')
        .orderBy('workloads.namespace')
        .orderBy('workloads.kind')
        .orderBy('workloads.name')
        .limit(limit + 1)
        .execute();
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items: rows.slice(0, limit).map(({ cluster_name, ...row }) => ({
          ...toWorkload(row),
          clusterName: cluster_name,
        })),
        ...(last !== undefined
          ? {
              nextCursor: nextCursor(
                workloadSort,
                [last.cluster_name, last.namespace, last.kind],
                last.name
              ),
            }
          : {}),
      };
    },

    async nodeGroups(clusterId) {
      let select = db
        .selectFrom('nodes')
        .select((eb) => [
          'cluster_id',
          'node_group',
          'architecture',
          'capacity_type',
          'instance_type',
          'zone',
          eb.fn.countAll<Counted>().as('nodes'),
          eb.fn.sum<Counted | null>('cpu_millicores').as('millicores'),
        ])
        .groupBy(['cluster_id', 'node_group', 'architecture', 'capacity_type', 'instance_type'])
        .groupBy('zone');
      if (clusterId !== undefined) {
        select = select.where('cluster_id', '=', clusterId);
      }
      const rows = await select.execute();
      const groups = new Map<string, NodeGroupSummary & { rows: typeof rows }>();
      for (const row of rows) {
        const key = `${row.cluster_id}\n${row.node_group ?? ''}`;
        const group = groups.get(key) ?? {
          clusterId: row.cluster_id,
          ...(row.node_group !== null ? { nodeGroup: row.node_group } : {}),
          nodes: 0,
          vcpus: 0,
          architectures: [],
          capacityTypes: [],
          instanceTypes: [],
          zones: [],
          rows: [],
        };
        group.nodes += Number(row.nodes);
        group.vcpus += Number(row.millicores ?? 0) / 1000;
        group.rows.push(row);
        groups.set(key, group);
      }
      return [...groups.values()]
        .map(({ rows: members, ...group }) => ({
          ...group,
          architectures: sortedSet(members.map((row) => row.architecture)),
          capacityTypes: sortedSet(members.map((row) => row.capacity_type)),
          instanceTypes: sortedSet(members.map((row) => row.instance_type)),
          zones: sortedSet(members.map((row) => row.zone)),
        }))
        .sort(
          (a, b) =>
            a.clusterId.localeCompare(b.clusterId) ||
            (a.nodeGroup ?? '').localeCompare(b.nodeGroup ?? '')
        );
    },

    async clusterCounts() {
      const [clusters, nodes, workloads, failing, alerts] = await Promise.all([
        db.selectFrom('clusters').select('id').execute(),
        db
          .selectFrom('nodes')
          .select((eb) => [
            'cluster_id',
            eb.fn.countAll<Counted>().as('n'),
            eb.fn.sum<Counted | null>('cpu_millicores').as('millicores'),
            eb.fn.count<Counted>('node_group').distinct().as('groups'),
          ])
          .groupBy('cluster_id')
          .execute(),
        db
          .selectFrom('workloads')
          .select((eb) => ['cluster_id', eb.fn.countAll<Counted>().as('n')])
          .groupBy('cluster_id')
          .execute(),
        db
          .selectFrom('recommendations')
          .where('status', '=', 'fail')
          .select((eb) => ['cluster_id', eb.fn.countAll<Counted>().as('n')])
          .groupBy('cluster_id')
          .execute(),
        db
          .selectFrom('alerts')
          .where('status', 'in', ['new', 'in_progress'])
          .select((eb) => ['cluster_id', eb.fn.countAll<Counted>().as('n')])
          .groupBy('cluster_id')
          .execute(),
      ]);
      const byCluster = (rows: { cluster_id: string; n: Counted }[]) =>
        new Map(rows.map((row) => [row.cluster_id, Number(row.n)]));
      const nodeRows = new Map(nodes.map((row) => [row.cluster_id, row]));
      const [workloadCounts, failingCounts, alertCounts] = [workloads, failing, alerts].map(
        byCluster
      ) as [Map<string, number>, Map<string, number>, Map<string, number>];
      return clusters.map(({ id }) => {
        const node = nodeRows.get(id);
        return {
          clusterId: id,
          nodes: Number(node?.n ?? 0),
          vcpus: Number(node?.millicores ?? 0) / 1000,
          nodeGroups: Number(node?.groups ?? 0),
          workloads: workloadCounts.get(id) ?? 0,
          failingRecommendations: failingCounts.get(id) ?? 0,
          openAlerts: alertCounts.get(id) ?? 0,
        };
      });
    },

    async registryCounts() {
      const [registries, images, vulnerable] = await Promise.all([
        db.selectFrom('registries').select('id').execute(),
        db
          .selectFrom('images')
          .select((eb) => [
            'registry_id',
            eb.fn.countAll<Counted>().as('images'),
            eb.fn.count<Counted>('repository').distinct().as('repositories'),
          ])
          .groupBy('registry_id')
          .execute(),
        db
          .selectFrom('images')
          .innerJoin('findings', 'findings.image_id', 'images.id')
          .where('findings.fixed_at', 'is', null)
          .where('findings.severity', 'in', ['critical', 'high'])
          .select((eb) => [
            'images.registry_id',
            eb.fn.count<Counted>('images.id').distinct().as('n'),
          ])
          .groupBy('images.registry_id')
          .execute(),
      ]);
      const imageRows = new Map(images.map((row) => [row.registry_id, row]));
      const vulnerableCounts = new Map(vulnerable.map((row) => [row.registry_id, Number(row.n)]));
      return registries.map(({ id }) => ({
        registryId: id,
        repositories: Number(imageRows.get(id)?.repositories ?? 0),
        images: Number(imageRows.get(id)?.images ?? 0),
        vulnerableImages: vulnerableCounts.get(id) ?? 0,
      }));
    },
  };
}
