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

export const createdTokenSchema = {
  ...apiTokenSchema,
  required: [...apiTokenSchema.required, 'token'],
  properties: {
    ...apiTokenSchema.properties,
    token: { type: 'string', description: 'The token; shown in this answer only' },
  },
} as const;
