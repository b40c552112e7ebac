import type { FastifyInstance } from 'fastify';
import type { NewSuppressionRule, SuppressionMatch } from '../../store/index.js';
import {
  matchDimensions,
  maxClustersPerRule,
  maxGlobLength,
  maxGlobsPerDimension,
} from '../../store/index.js';
import { dismissCovered } from '../../suppression/index.js';
import { callerName } from '../caller.js';
import { base, idParams, type ApiContext } from '../context.js';

const globList = {
  type: 'array',
  minItems: 1,
  maxItems: maxGlobsPerDimension,
  items: { type: 'string', minLength: 1, maxLength: maxGlobLength },
} as const;

const matchSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'Globs (`*` anywhere) per dimension; every dimension given must match',
  properties: Object.fromEntries(matchDimensions.map((dimension) => [dimension, globList])),
} as const;

const clusterList = {
  type: 'array',
  minItems: 1,
  maxItems: maxClustersPerRule,
  items: { type: 'string', minLength: 1, maxLength: 512 },
} as const;

const newRule = {
  type: 'object',
  required: ['match', 'reason'],
  additionalProperties: false,
  properties: {
    match: matchSchema,
    clusters: clusterList,
    reason: { type: 'string', minLength: 1, maxLength: 2048 },
    expires: {
      type: 'string',
      minLength: 10,
      maxLength: 40,
      description: 'ISO 8601 date or date-time, in the future',
    },
    applyToExisting: {
      type: 'boolean',
      description: 'also dismiss the open alerts the rule covers now',
    },
  },
} as const;

const ruleSchema = {
  type: 'object',
  required: ['id', 'match', 'reason', 'createdBy', 'createdAt'],
  properties: {
    id: { type: 'string' },
    match: {
      type: 'object',
      properties: Object.fromEntries(
        matchDimensions.map((dimension) => [
          dimension,
          { type: 'array', items: { type: 'string' } },
        ])
      ),
    },
    clusters: { type: 'array', items: { type: 'string' } },
    reason: { type: 'string' },
    expires: { type: 'string' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string' },
    dismissed: { type: 'integer', description: 'open alerts dismissed (applyToExisting)' },
  },
} as const;

interface NewRuleBody {
  match: SuppressionMatch;
  clusters?: string[];
  reason: string;
  expires?: string;
  applyToExisting?: boolean;
}

/**
 * Suppression rules: detection exceptions the platform applies to alerts as they are stored
 * (covered alerts are stored dismissed and not notified).
 */
export function suppressionRuleRoutes(app: FastifyInstance, { store }: ApiContext): void {
  app.post<{ Body: NewRuleBody }>(
    `${base}/suppression-rules`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Add a suppression rule; `applyToExisting` also dismisses open alerts it covers',
        body: newRule,
        response: { 201: ruleSchema },
      },
    },
    async (request, reply) => {
      const { applyToExisting, ...rest } = request.body;
      const input: NewSuppressionRule = { ...rest, createdBy: callerName(request) };
      const rule = await store.suppressionRules.add(input);
      const dismissed = applyToExisting === true ? await dismissCovered(store, rule) : undefined;
      return reply.status(201).send({ ...rule, ...(dismissed !== undefined ? { dismissed } : {}) });
    }
  );

  app.get(
    `${base}/suppression-rules`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'List suppression rules, newest first, expired ones included',
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: ruleSchema } },
          },
        },
      },
    },
    async () => ({ items: await store.suppressionRules.list() })
  );

  app.get<{ Params: { id: string } }>(
    `${base}/suppression-rules/:id`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'Get a suppression rule',
        params: idParams,
        response: { 200: ruleSchema },
      },
    },
    async (request) => await store.suppressionRules.get(request.params.id)
  );

  app.delete<{ Params: { id: string } }>(
    `${base}/suppression-rules/:id`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Remove a suppression rule (alerts it dismissed stay dismissed)',
        params: idParams,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await store.suppressionRules.remove(request.params.id);
      return reply.status(204).send();
    }
  );
}
