import { severityOrder } from '../../../core/finding.js';
import { maxSearchLength } from '../../store/index.js';
import { cursorParameter, limitParameter, nodeSchema, workloadSchema } from './posture-schemas.js';

/** JSON schemas of the inventory routes' queries and answers. */
const text = { type: 'string' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const id = { type: 'string', minLength: 1, maxLength: 512 } as const;
const label = { type: 'string', minLength: 1, maxLength: 256 } as const;

export const searchParameter = {
  type: 'string',
  minLength: 1,
  maxLength: maxSearchLength,
  description: 'found anywhere, case-insensitively',
} as const;

export const nodeQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cluster: id,
    nodeGroup: label,
    architecture: label,
    capacityType: label,
    search: {
      ...searchParameter,
      description: 'in the name, node group, instance type, OS image, kubelet version or zone',
    },
    limit: limitParameter,
    cursor: cursorParameter,
  },
} as const;

export const workloadQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cluster: id,
    namespace: { type: 'string', minLength: 1, maxLength: 253 },
    kind: label,
    search: {
      ...searchParameter,
      description: 'in the name, the namespace, or a container’s name or image',
    },
    limit: limitParameter,
    cursor: cursorParameter,
  },
} as const;

export const nodeGroupQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { cluster: id },
} as const;

export const fleetNodeSchema = {
  ...nodeSchema,
  required: [...nodeSchema.required, 'clusterName'],
  properties: {
    ...nodeSchema.properties,
    clusterName: text,
  },
} as const;

const severityCounts = {
  type: 'object',
  required: [...severityOrder],
  properties: Object.fromEntries(severityOrder.map((severity) => [severity, count])),
} as const;

export const fleetWorkloadSchema = {
  ...workloadSchema,
  required: [...workloadSchema.required, 'clusterName', 'findings'],
  properties: {
    ...workloadSchema.properties,
    clusterName: text,
    images: {
      type: 'array',
      items: {
        type: 'object',
        required: ['container', 'image', 'digests', 'scanned'],
        properties: {
          container: text,
          image: text,
          digests: { type: 'array', items: text },
          scanned: {
            type: 'array',
            description: 'the stored images it runs: by digest, else registry, repository and tag',
            items: {
              type: 'object',
              required: ['id', 'repository', 'digest', 'tags', 'findings'],
              properties: {
                id: text,
                repository: text,
                digest: text,
                tags: { type: 'array', items: text },
                findings: { ...severityCounts, description: 'open findings per severity' },
              },
            },
          },
        },
      },
    },
    findings: {
      type: 'object',
      description: 'open critical and high findings of the distinct images it runs',
      required: ['critical', 'high'],
      properties: { critical: count, high: count },
    },
  },
} as const;

export const nodeGroupSchema = {
  type: 'object',
  required: [
    'clusterId',
    'nodes',
    'vcpus',
    'architectures',
    'capacityTypes',
    'instanceTypes',
    'zones',
  ],
  properties: {
    clusterId: text,
    nodeGroup: { ...text, description: 'absent for the nodes no group label names' },
    nodes: count,
    vcpus: { type: 'number' },
    architectures: { type: 'array', items: text },
    capacityTypes: { type: 'array', items: text },
    instanceTypes: { type: 'array', items: text },
    zones: { type: 'array', items: text },
  },
} as const;

const clusterSummary = {
  type: 'object',
  required: [
    'id',
    'name',
    'source',
    'nodes',
    'vcpus',
    'nodeGroups',
    'workloads',
    'failingRecommendations',
    'openAlerts',
  ],
  properties: {
    id: text,
    name: text,
    source: text,
    accountId: text,
    region: text,
    lastAssessedAt: text,
    nodes: count,
    vcpus: { type: 'number' },
    nodeGroups: count,
    workloads: count,
    failingRecommendations: count,
    openAlerts: count,
  },
} as const;

export const inventorySummarySchema = {
  type: 'object',
  required: ['accounts', 'registries', 'totals'],
  properties: {
    accounts: {
      type: 'array',
      description: 'by account id; clusters whose config names none come last, without one',
      items: {
        type: 'object',
        required: ['clusters'],
        properties: { accountId: text, clusters: { type: 'array', items: clusterSummary } },
      },
    },
    registries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'url', 'repositories', 'images', 'vulnerableImages'],
        properties: {
          id: text,
          name: text,
          url: text,
          repositories: count,
          images: count,
          vulnerableImages: { ...count, description: 'with an open critical or high finding' },
        },
      },
    },
    totals: {
      type: 'object',
      required: ['clusters', 'nodes', 'vcpus', 'workloads', 'registries', 'images'],
      properties: {
        clusters: count,
        nodes: count,
        vcpus: { type: 'number' },
        workloads: count,
        registries: count,
        images: count,
      },
    },
  },
} as const;
