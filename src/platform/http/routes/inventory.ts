import type { FastifyInstance } from 'fastify';
import { isRecord } from '../../../core/is-record.js';
import { withImageFindings } from '../../score/workload-findings.js';
import type { Cluster, ClusterInventoryCounts } from '../../store/index.js';
import { base, type ApiContext } from '../context.js';
import {
  fleetNodeSchema,
  fleetWorkloadSchema,
  inventorySummarySchema,
  nodeGroupQuery,
  nodeGroupSchema,
  nodeQuery,
  workloadQuery,
} from './inventory-schemas.js';
import { pageOf } from './posture-schemas.js';

interface Paged {
  limit?: string;
  cursor?: string;
}

interface NodeParams extends Paged {
  cluster?: string;
  nodeGroup?: string;
  architecture?: string;
  capacityType?: string;
  search?: string;
}

interface WorkloadParams extends Paged {
  cluster?: string;
  namespace?: string;
  kind?: string;
  search?: string;
}

/** The query's filters under the store's names, without the ones not given. */
function storeQuery<Q extends Paged & { cluster?: string }>(
  query: Q
): Omit<Q, 'cluster' | 'limit'> & { clusterId?: string; limit?: number } {
  const { cluster, limit, ...rest } = query;
  return {
    ...rest,
    ...(cluster !== undefined ? { clusterId: cluster } : {}),
    ...(limit !== undefined ? { limit: Number(limit) } : {}),
  };
}

const noCounts: Omit<ClusterInventoryCounts, 'clusterId'> = {
  nodes: 0,
  vcpus: 0,
  nodeGroups: 0,
  workloads: 0,
  failingRecommendations: 0,
  openAlerts: 0,
};

function page<T>(result: { items: T[]; nextCursor?: string }): { items: T[]; next?: string } {
  return {
    items: result.items,
    ...(result.nextCursor !== undefined ? { next: result.nextCursor } : {}),
  };
}

/** The account and region a cluster's config names (an EKS connector's), when it names them. */
function placeOf(cluster: Cluster): { accountId?: string; region?: string } {
  const config = isRecord(cluster.config) ? cluster.config : {};
  const place: { accountId?: string; region?: string } = {};
  for (const key of ['accountId', 'region'] as const) {
    const value = config[key];
    if (typeof value === 'string' && value !== '') {
      place[key] = value;
    }
  }
  return place;
}

type ClusterSummary = Omit<ClusterInventoryCounts, 'clusterId'> & {
  id: string;
  name: string;
  source: string;
  accountId?: string;
  region?: string;
  lastAssessedAt?: string;
};

function byAccount(
  clusters: ClusterSummary[]
): { accountId?: string; clusters: ClusterSummary[] }[] {
  const accounts = new Map<string, ClusterSummary[]>();
  for (const cluster of clusters) {
    const key = cluster.accountId ?? '';
    accounts.set(key, [...(accounts.get(key) ?? []), cluster]);
  }
  return [...accounts.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([accountId, members]) => ({
      ...(accountId !== '' ? { accountId } : {}),
      clusters: members,
    }));
}

/** The Inventory page's API: what the fleet is made of, searched and paged across clusters. */
export function inventoryRoutes(app: FastifyInstance, { store }: ApiContext): void {
  app.get(
    `${base}/inventory/summary`,
    {
      config: { access: 'reader' },
      schema: {
        summary:
          'Accounts and their clusters with node, vCPU, node-group, workload, failing-check and open-alert counts; registries with repository and image counts',
        response: { 200: inventorySummarySchema },
      },
    },
    async () => {
      const [clusters, clusterCounts, registries, registryCounts] = await Promise.all([
        store.clusters.list(),
        store.fleetInventory.clusterCounts(),
        store.registries.list(),
        store.fleetInventory.registryCounts(),
      ]);
      const countsOf = new Map(clusterCounts.map((row) => [row.clusterId, row]));
      const summaries = clusters.map((cluster): ClusterSummary => {
        const found = countsOf.get(cluster.id);
        const counts = { ...noCounts };
        for (const key of Object.keys(noCounts) as (keyof typeof noCounts)[]) {
          counts[key] = found?.[key] ?? 0;
        }
        return {
          id: cluster.id,
          name: cluster.name,
          source: cluster.source,
          ...placeOf(cluster),
          ...(cluster.lastAssessedAt !== undefined
            ? { lastAssessedAt: cluster.lastAssessedAt }
            : {}),
          ...counts,
        };
      });
      const registryCountsOf = new Map(registryCounts.map((row) => [row.registryId, row]));
      const registryRows = registries.map((registry) => ({
        id: registry.id,
        name: registry.name,
        url: registry.url,
        repositories: registryCountsOf.get(registry.id)?.repositories ?? 0,
        images: registryCountsOf.get(registry.id)?.images ?? 0,
        vulnerableImages: registryCountsOf.get(registry.id)?.vulnerableImages ?? 0,
      }));
      const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
      return {
        accounts: byAccount(summaries),
        registries: registryRows,
        totals: {
          clusters: summaries.length,
          nodes: sum(summaries.map((row) => row.nodes)),
          vcpus: sum(summaries.map((row) => row.vcpus)),
          workloads: sum(summaries.map((row) => row.workloads)),
          registries: registryRows.length,
          images: sum(registryRows.map((row) => row.images)),
        },
      };
    }
  );

  app.get<{ Querystring: NodeParams }>(
    `${base}/nodes`,
    {
      config: { access: 'reader' },
      schema: {
        summary:
          'Nodes across clusters, by cluster name, node group (none first) and name; pass `next` back as `cursor`',
        querystring: nodeQuery,
        response: { 200: pageOf(fleetNodeSchema) },
      },
    },
    async (request) =>
      page(await store.fleetInventory.fleetNodes(storeQuery<NodeParams>(request.query)))
  );

  app.get<{ Querystring: { cluster?: string } }>(
    `${base}/node-groups`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'Node groups (node pools, Fargate profiles) per cluster, with nodes and vCPUs',
        querystring: nodeGroupQuery,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: nodeGroupSchema } },
          },
        },
      },
    },
    async (request) => ({ items: await store.fleetInventory.nodeGroups(request.query.cluster) })
  );

  app.get<{ Querystring: WorkloadParams }>(
    `${base}/workloads`,
    {
      config: { access: 'reader' },
      schema: {
        summary:
          'Workloads across clusters with the stored images they run and their open findings; by cluster name, namespace, kind and name',
        querystring: workloadQuery,
        response: { 200: pageOf(fleetWorkloadSchema) },
      },
    },
    async (request) => {
      const found = await store.fleetInventory.fleetWorkloads(
        storeQuery<WorkloadParams>(request.query)
      );
      return page({ ...found, items: await withImageFindings(store, found.items) });
    }
  );
}
