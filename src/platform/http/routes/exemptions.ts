import type { FastifyInstance } from 'fastify';
import { InputError } from '../../../core/errors.js';
import { checks } from '../../../posture/index.js';
import type { ExemptionCategory, ExemptionState, NewExemption } from '../../store/index.js';
import { exemptionCategories, exemptionStates, maxExemptionReason } from '../../store/index.js';
import { callerName } from '../caller.js';
import { base, idParams, type ApiContext } from '../context.js';
import { cursorParameter, limitParameter, pageOf } from './posture-schemas.js';

const text = { type: 'string' } as const;

const newExemption = {
  type: 'object',
  required: ['check', 'category', 'reason'],
  additionalProperties: false,
  properties: {
    clusterId: {
      type: 'string',
      minLength: 1,
      maxLength: 512,
      description: 'the cluster it applies to; absent: every cluster',
    },
    check: { type: 'string', minLength: 1, maxLength: 128, description: 'a posture check id' },
    resource: {
      type: 'string',
      minLength: 1,
      maxLength: 600,
      description: '`<kind>/<namespace>/<name>` of one resource (as a recommendation names it)',
    },
    namespace: {
      type: 'string',
      minLength: 1,
      maxLength: 63,
      description: 'every resource of the check in this namespace',
    },
    category: { type: 'string', enum: [...exemptionCategories] },
    reason: { type: 'string', minLength: 1, maxLength: maxExemptionReason },
    expiresAt: {
      type: 'string',
      minLength: 10,
      maxLength: 40,
      description: 'ISO 8601 date or date-time, in the future; absent: never expires',
    },
  },
} as const;

export const exemptionSchema = {
  type: 'object',
  required: ['id', 'check', 'category', 'reason', 'createdBy', 'createdAt', 'state'],
  properties: {
    id: text,
    clusterId: text,
    check: text,
    resource: text,
    namespace: text,
    category: { type: 'string', enum: [...exemptionCategories] },
    reason: text,
    expiresAt: text,
    createdBy: text,
    createdAt: text,
    state: {
      type: 'string',
      enum: [...exemptionStates],
      description: '`expired` once `expiresAt` has passed: listed, never applied',
    },
  },
} as const;

interface NewExemptionBody {
  clusterId?: string;
  check: string;
  resource?: string;
  namespace?: string;
  category: ExemptionCategory;
  reason: string;
  expiresAt?: string;
}

interface ListQuery {
  cluster?: string;
  check?: string;
  state?: ExemptionState;
  limit?: string;
  cursor?: string;
}

/**
 * Recommendation exemptions: a failing resource accepted with a reason stops counting against
 * the secure score while the exemption is active. Applied when recommendations, the score and
 * the compliance view are read.
 */
export function exemptionRoutes(app: FastifyInstance, { store }: ApiContext): void {
  app.post<{ Body: NewExemptionBody }>(
    `${base}/exemptions`,
    {
      config: { access: 'operator' },
      schema: {
        summary:
          'Exempt a check’s failing resources (one resource, a namespace or all) in one or every cluster',
        body: newExemption,
        response: { 201: exemptionSchema },
      },
    },
    async (request, reply) => {
      if (!checks.has(request.body.check)) {
        throw new InputError(`check: no posture check ${request.body.check}`);
      }
      const input: NewExemption = { ...request.body, createdBy: callerName(request) };
      return reply.status(201).send(await store.exemptions.add(input));
    }
  );

  app.get<{ Querystring: ListQuery }>(
    `${base}/exemptions`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'List exemptions, newest first, expired ones included (state says which)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            cluster: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
              description: 'those applying to this cluster: its own and those for every cluster',
            },
            check: { type: 'string', minLength: 1, maxLength: 128 },
            state: { type: 'string', enum: [...exemptionStates] },
            limit: limitParameter,
            cursor: cursorParameter,
          },
        },
        response: { 200: pageOf(exemptionSchema) },
      },
    },
    async (request) => {
      const { cluster, limit, ...query } = request.query;
      const page = await store.exemptions.list({
        ...query,
        ...(cluster !== undefined ? { clusterId: cluster } : {}),
        ...(limit !== undefined ? { limit: Number(limit) } : {}),
      });
      return {
        items: page.items,
        ...(page.nextCursor !== undefined ? { next: page.nextCursor } : {}),
      };
    }
  );

  app.get<{ Params: { id: string } }>(
    `${base}/exemptions/:id`,
    {
      config: { access: 'reader' },
      schema: { summary: 'Get an exemption', params: idParams, response: { 200: exemptionSchema } },
    },
    async (request) => await store.exemptions.get(request.params.id)
  );

  app.delete<{ Params: { id: string } }>(
    `${base}/exemptions/:id`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Remove an exemption: what it covered counts against the score again at once',
        params: idParams,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await store.exemptions.remove(request.params.id);
      return reply.status(204).send();
    }
  );
}
