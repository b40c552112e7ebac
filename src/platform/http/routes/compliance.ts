import type { FastifyInstance } from 'fastify';
import { frameworkIds } from '../../../posture/index.js';
import { complianceView, controlStatuses } from '../../compliance/index.js';
import { base, type ApiContext } from '../context.js';

const text = { type: 'string' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const counts = { passed: count, failed: count, exempted: count, manual: count } as const;
const countNames = ['passed', 'failed', 'exempted', 'manual'] as const;

const checkSchema = {
  type: 'object',
  required: ['id', 'title', 'severity', 'remediation', ...countNames],
  properties: { id: text, title: text, severity: text, remediation: text, ...counts },
} as const;

const controlSchema = {
  type: 'object',
  required: ['id', 'status', 'checks', ...countNames],
  properties: {
    id: text,
    status: { type: 'string', enum: [...controlStatuses] },
    score: { type: 'number' },
    ...counts,
    checks: { type: 'array', items: checkSchema },
  },
} as const;

const viewSchema = {
  type: 'object',
  required: ['clusters', 'frameworks'],
  properties: {
    clusters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name'],
        properties: { id: text, name: text, assessedAt: text },
      },
    },
    frameworks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'controlsByStatus', 'controls'],
        properties: {
          id: text,
          title: text,
          score: { type: 'number' },
          controlsByStatus: {
            type: 'object',
            properties: Object.fromEntries(controlStatuses.map((status) => [status, count])),
          },
          controls: { type: 'array', items: controlSchema },
        },
      },
    },
  },
} as const;

/** Compliance per framework and control, from the latest assessments and today's exemptions. */
export function complianceRoutes(app: FastifyInstance, { store }: ApiContext): void {
  app.get<{ Querystring: { cluster?: string; framework?: string } }>(
    `${base}/compliance`,
    {
      config: { access: 'reader' },
      schema: {
        summary:
          'Per framework and control: passed, failing, exempted and manual results with their checks and remediation',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            cluster: { type: 'string', minLength: 1, maxLength: 512 },
            framework: { type: 'string', enum: [...frameworkIds] },
          },
        },
        response: { 200: viewSchema },
      },
    },
    async (request) => {
      const { cluster, framework } = request.query;
      // An unknown cluster is a 404, not an empty view that looks compliant.
      const clusterId = cluster !== undefined ? (await store.clusters.get(cluster)).id : undefined;
      return await complianceView(store, {
        ...(clusterId !== undefined ? { clusterId } : {}),
        ...(framework !== undefined ? { framework } : {}),
      });
    }
  );
}
