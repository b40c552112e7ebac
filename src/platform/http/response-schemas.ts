/**
 * JSON schemas of what routes answer, for the OpenAPI document and Fastify's serializer.
 * Fastify drops properties a response schema does not name, so each object lists every field
 * its type has; the route tests read the answers back and would miss a dropped field.
 */

const time = { type: 'string', format: 'date-time' } as const;

/** `{ items: [...], next? }`, the shape of every list. */
export function pageOf(item: object): object {
  return {
    type: 'object',
    required: ['items'],
    properties: {
      items: { type: 'array', items: item },
      next: { type: 'string', description: 'Pass back as `cursor` for the next page' },
    },
  };
}

export const statusSchema = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string' } },
} as const;

export const apiTokenSchema = {
  type: 'object',
  required: ['id', 'name', 'role', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['reader', 'operator', 'admin'] },
    createdAt: time,
    lastUsedAt: time,
    revokedAt: time,
  },
} as const;

export const currentTokenSchema = {
  type: 'object',
  required: ['id', 'name', 'role'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['reader', 'operator', 'admin'] },
  },
} as const;

export const createdTokenSchema = {
  ...apiTokenSchema,
  required: [...apiTokenSchema.required, 'token'],
  properties: {
    ...apiTokenSchema.properties,
    token: { type: 'string', description: 'The token; shown in this answer only' },
  },
} as const;

export const noContent = { type: 'null', description: 'No content' } as const;

export const auditWebhookSchema = {
  type: 'object',
  required: ['path'],
  properties: {
    path: { type: 'string' },
    token: { type: 'string', description: 'In the answer that issues it only' },
  },
} as const;

export const clusterSchema = {
  type: 'object',
  required: ['id', 'name', 'source', 'config', 'hasKubeconfigData', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    source: { type: 'string' },
    config: {
      type: 'object',
      additionalProperties: true,
      description: 'How to reach it, never an inline kubeconfig',
    },
    hasKubeconfigData: { type: 'boolean' },
    createdAt: time,
    lastAssessedAt: time,
    auditWebhook: auditWebhookSchema,
  },
} as const;

export const registrySchema = {
  type: 'object',
  required: ['id', 'name', 'url', 'hasSecret', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string' },
    username: { type: 'string' },
    hasSecret: { type: 'boolean', description: 'Whether a password is stored; it is never shown' },
    createdAt: time,
  },
} as const;

export const storedAlertSchema = {
  type: 'object',
  required: [
    'id',
    'clusterId',
    'rule',
    'severity',
    'status',
    'count',
    'firstSeen',
    'lastSeen',
    'updatedAt',
    'techniques',
    'alert',
  ],
  properties: {
    id: { type: 'string', description: '`<cluster id>:<engine alert id>`' },
    clusterId: { type: 'string' },
    rule: { type: 'string' },
    severity: {
      type: 'string',
      enum: ['critical', 'high', 'medium', 'low', 'informational'],
    },
    status: { type: 'string', enum: ['new', 'in_progress', 'dismissed', 'resolved'] },
    dismissReason: { type: 'string' },
    count: { type: 'integer' },
    firstSeen: time,
    lastSeen: time,
    updatedAt: time,
    statusChangedBy: { type: 'string' },
    statusChangedAt: time,
    assignee: { type: 'string', description: 'who is working on it (a person or team)' },
    techniques: {
      type: 'array',
      description: 'the alert’s MITRE ATT&CK (and Threat Matrix) techniques with their names',
      items: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          url: { type: 'string' },
        },
      },
    },
    alert: {
      type: 'object',
      additionalProperties: true,
      description:
        'The detection engine’s alert: title, message, identity, evidence, MITRE techniques, equivalents',
    },
  },
} as const;

export const auditBatchAcceptedSchema = {
  type: 'object',
  required: ['accepted', 'dropped', 'batch', 'duplicate'],
  properties: {
    accepted: { type: 'integer' },
    dropped: { type: 'integer' },
    batch: { type: 'string' },
    duplicate: { type: 'boolean' },
  },
} as const;
