import { severityOrder } from '../../../core/finding.js';
import { maxPageSize, recommendationStatuses } from '../../store/index.js';

/** JSON schemas of the posture routes' answers (they also filter what is sent). */
const text = { type: 'string' } as const;
const count = { type: 'integer', minimum: 0 } as const;

const resource = {
  type: 'object',
  required: ['kind', 'name'],
  properties: { kind: text, namespace: text, name: text },
} as const;

export const recommendationSchema = {
  type: 'object',
  required: [
    'id',
    'clusterId',
    'check',
    'title',
    'severity',
    'controls',
    'status',
    'resource',
    'message',
    'firstSeen',
    'lastSeen',
    'reopenCount',
    'lastAssessedAt',
  ],
  properties: {
    id: text,
    clusterId: text,
    check: text,
    title: text,
    severity: { type: 'string', enum: [...severityOrder] },
    controls: {
      type: 'array',
      items: {
        type: 'object',
        required: ['framework', 'id'],
        properties: { framework: text, id: text },
      },
    },
    status: { type: 'string', enum: [...recommendationStatuses] },
    resource,
    message: text,
    firstSeen: text,
    lastSeen: text,
    resolvedAt: text,
    reopenedAt: text,
    reopenCount: count,
    lastAssessedAt: text,
    exemption: {
      type: 'object',
      description: 'a failing one covered by an active exemption (status stays fail)',
      required: ['id', 'category', 'reason', 'scope'],
      properties: {
        id: text,
        category: text,
        reason: text,
        expiresAt: text,
        clusterId: text,
        scope: { type: 'string', enum: ['resource', 'namespace', 'check'] },
      },
    },
  },
} as const;

export const nodeSchema = {
  type: 'object',
  required: ['clusterId', 'name', 'vcpus', 'seenAt'],
  properties: {
    clusterId: text,
    name: text,
    vcpus: count,
    cpuMillicores: count,
    architecture: text,
    operatingSystem: text,
    osImage: text,
    kubeletVersion: text,
    instanceType: text,
    problem: text,
    nodeGroup: {
      type: 'string',
      description: 'the node group, Karpenter node pool or Fargate profile',
    },
    capacityType: { type: 'string', description: 'on-demand, spot, fargate…' },
    zone: text,
    seenAt: text,
  },
} as const;

export const workloadSchema = {
  type: 'object',
  required: ['clusterId', 'kind', 'namespace', 'name', 'images', 'seenAt'],
  properties: {
    clusterId: text,
    kind: text,
    namespace: text,
    name: text,
    images: {
      type: 'array',
      items: {
        type: 'object',
        required: ['container', 'image', 'digests'],
        properties: { container: text, image: text, digests: { type: 'array', items: text } },
      },
    },
    seenAt: text,
  },
} as const;

export const assessmentSchema = {
  type: 'object',
  required: ['id', 'clusterId', 'status', 'startedAt', 'attempt', 'counts', 'frameworks', 'notes'],
  properties: {
    id: text,
    clusterId: text,
    status: { type: 'string', enum: ['running', 'succeeded', 'failed'] },
    startedAt: text,
    finishedAt: text,
    error: text,
    attempt: count,
    counts: {
      type: 'object',
      required: ['results', 'failed', 'passed', 'manual', 'exempted'],
      properties: { results: count, failed: count, passed: count, manual: count, exempted: count },
    },
    nodes: count,
    vcores: { type: 'number' },
    workloads: count,
    frameworks: { type: 'array', items: { type: 'object', additionalProperties: true } },
    notes: { type: 'array', items: text },
  },
} as const;

export const meteringDaySchema = {
  type: 'object',
  required: ['clusterId', 'day', 'vcores'],
  properties: { clusterId: text, day: text, vcores: { type: 'number' } },
} as const;

export const meteringMonthSchema = {
  type: 'object',
  required: ['clusterId', 'month', 'daysMeasured', 'vcoreDays', 'averageVcores'],
  properties: {
    clusterId: text,
    month: text,
    daysMeasured: count,
    vcoreDays: { type: 'number' },
    averageVcores: { type: 'number' },
  },
} as const;

/** `{ items, next? }`: a page of `item`. */
export function pageOf(item: object): object {
  return {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', items: item }, next: text },
  };
}

export const limitParameter = {
  type: 'string',
  pattern: '^[0-9]{1,4}$',
  description: `1 to ${maxPageSize}`,
} as const;
export const cursorParameter = { type: 'string', minLength: 1, maxLength: 2048 } as const;
export const dayParameter = {
  type: 'string',
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'YYYY-MM-DD (UTC)',
} as const;

export const recommendationQueryProperties = {
  status: { type: 'string', enum: [...recommendationStatuses] },
  severity: { type: 'string', enum: [...severityOrder] },
  check: { type: 'string', minLength: 1, maxLength: 256 },
  exempted: {
    type: 'string',
    enum: ['true', 'false'],
    description: 'true: failing ones an active exemption covers; false: the rest',
  },
  limit: limitParameter,
  cursor: cursorParameter,
} as const;
