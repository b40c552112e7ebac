import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../core/errors.js';
import { computeScores, gatherScoreInputs } from '../../score/index.js';
import { base, idParams, type ApiContext } from '../context.js';

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
