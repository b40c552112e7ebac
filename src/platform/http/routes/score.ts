import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../core/errors.js';
import { computeScores, gatherScoreInputs } from '../../score/index.js';
import { scoreScopes, type ScoreScope } from '../../store/index.js';
import { base, idParams, type ApiContext } from '../context.js';
import { HttpError } from '../errors.js';

const dayMs = 24 * 60 * 60 * 1000;

const historyQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scope: { type: 'string', enum: [...scoreScopes], description: '`overall` by default' },
    id: {
      type: 'string',
      minLength: 1,
      maxLength: 512,
      description: 'the account or cluster id; needed for those scopes',
    },
    days: {
      type: 'string',
      pattern: '^[0-9]{1,3}$',
      description: 'how many days back: 1 to 365 (30 by default)',
    },
  },
} as const;

const historySchema = {
  type: 'object',
  required: ['scope', 'from', 'points'],
  properties: {
    scope: { type: 'string', enum: [...scoreScopes] },
    id: { type: 'string' },
    from: { type: 'string', format: 'date-time' },
    points: {
      type: 'array',
      description: 'the score as recorded (hourly by the scheduler), oldest first',
      items: {
        type: 'object',
        required: ['at', 'score', 'earned', 'max'],
        properties: {
          at: { type: 'string', format: 'date-time' },
          score: { type: 'number' },
          earned: { type: 'number' },
          max: { type: 'number' },
        },
      },
    },
  },
} as const;

const summaryProperties = {
  score: { type: 'number', minimum: 0, maximum: 100 },
  earned: { type: 'number' },
  max: { type: 'number' },
} as const;

const controlSchema = {
  type: 'object',
  required: ['id', 'max', 'earned', 'healthy', 'unhealthy'],
  properties: {
    id: { type: 'string', description: '`posture:<check>`, `images`, `alerts`, `registry-images`' },
    max: { type: 'number' },
    earned: { type: 'number' },
    healthy: { type: 'integer' },
    unhealthy: { type: 'integer' },
    exempted: {
      type: 'integer',
      description: 'posture controls: failing resources exempted, in neither count (absent: none)',
    },
  },
} as const;

const clusterScoreSchema = {
  type: 'object',
  required: ['clusterId', 'name', 'score', 'earned', 'max', 'controls'],
  properties: {
    clusterId: { type: 'string' },
    name: { type: 'string' },
    accountId: { type: 'string' },
    ...summaryProperties,
    controls: { type: 'array', items: controlSchema },
  },
} as const;

const reportSchema = {
  type: 'object',
  required: ['overall', 'accounts', 'clusters'],
  properties: {
    overall: {
      type: 'object',
      required: ['score', 'earned', 'max', 'controls'],
      properties: { ...summaryProperties, controls: { type: 'array', items: controlSchema } },
    },
    accounts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['accountId', 'clusters', 'score', 'earned', 'max'],
        properties: {
          accountId: { type: 'string' },
          clusters: { type: 'array', items: { type: 'string' } },
          ...summaryProperties,
        },
      },
    },
    clusters: { type: 'array', items: clusterScoreSchema },
  },
} as const;

/** The secure score, computed on each request from the store (formula: `score/readme.md`). */
export function scoreRoutes(app: FastifyInstance, { store }: ApiContext): void {
  app.get(
    `${base}/score`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'The secure score overall, per account and per cluster, with its controls',
        response: { 200: reportSchema },
      },
    },
    async () => computeScores(await gatherScoreInputs(store))
  );

  app.get<{ Querystring: { scope?: ScoreScope; id?: string; days?: string } }>(
    `${base}/score/history`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'The secure score over time, overall or for one account or cluster',
        querystring: historyQuery,
        response: { 200: historySchema },
      },
    },
    async (request) => {
      const { scope = 'overall', id, days = '30' } = request.query;
      if (Number(days) < 1 || Number(days) > 365) {
        throw new HttpError(400, 'bad_request', 'days: 1 to 365', 'days');
      }
      if ((scope === 'overall') !== (id === undefined)) {
        throw new HttpError(
          400,
          'bad_request',
          'id: needed for an account or cluster scope, and only for those',
          'id'
        );
      }
      const from = new Date(Date.now() - Number(days) * dayMs).toISOString();
      const points = await store.scoreHistory.list({
        scope,
        ...(id !== undefined ? { scopeId: id } : {}),
        from,
      });
      return { scope, ...(id !== undefined ? { id } : {}), from, points };
    }
  );

  app.get<{ Params: { id: string } }>(
    `${base}/clusters/:id/score`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'One cluster’s secure score with its controls',
        params: idParams,
        response: { 200: clusterScoreSchema },
      },
    },
    async (request) => {
      const report = computeScores(await gatherScoreInputs(store));
      const cluster = report.clusters.find((item) => item.clusterId === request.params.id);
      if (cluster === undefined) {
        throw new NotFoundError(`no cluster with id ${request.params.id}`);
      }
      return cluster;
    }
  );
}
