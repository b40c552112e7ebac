import type { FastifyInstance } from 'fastify';
import type { Severity } from '../../../core/finding.js';
import { publishAssessment } from '../../assess-pipeline/index.js';
import type { RecommendationQuery, RecommendationStatus } from '../../store/index.js';
import { base, idParams, type ApiContext } from '../context.js';
import {
  assessmentSchema,
  cursorParameter,
  dayParameter,
  limitParameter,
  meteringDaySchema,
  meteringMonthSchema,
  nodeSchema,
  pageOf,
  recommendationQueryProperties,
  recommendationSchema,
  workloadSchema,
} from './posture-schemas.js';

interface RecommendationParams {
  status?: RecommendationStatus;
  severity?: Severity;
  check?: string;
  exempted?: 'true' | 'false';
  limit?: string;
  cursor?: string;
}

interface MeteringParams {
  cluster?: string;
  from: string;
  to: string;
}

const meteringQuery = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: {
    cluster: { type: 'string', minLength: 1, maxLength: 512 },
    from: dayParameter,
    to: dayParameter,
  },
} as const;

function recommendationQuery(query: RecommendationParams): RecommendationQuery {
  const { limit, exempted, ...rest } = query;
  return {
    ...rest,
    ...(limit !== undefined ? { limit: Number(limit) } : {}),
    ...(exempted !== undefined ? { exempted: exempted === 'true' } : {}),
  };
}

function page<T>(result: { items: T[]; nextCursor?: string }): { items: T[]; next?: string } {
  return {
    items: result.items,
    ...(result.nextCursor !== undefined ? { next: result.nextCursor } : {}),
  };
}

/** Posture: assessments on demand, recommendations, inventory and metering. */
export function postureRoutes(app: FastifyInstance, { store, queue }: ApiContext): void {
  app.post<{ Params: { id: string } }>(
    `${base}/clusters/:id/assess`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Queue an assessment of the cluster now; repeats within a minute are one job',
        params: idParams,
        response: {
          202: {
            type: 'object',
            required: ['assessment', 'duplicate'],
            properties: { assessment: { type: 'string' }, duplicate: { type: 'boolean' } },
          },
        },
      },
    },
    async (request, reply) => {
      const cluster = await store.clusters.get(request.params.id);
      const published = await publishAssessment(queue, cluster.id, 'demand');
      return reply.status(202).send({ assessment: published.id, duplicate: published.duplicate });
    }
  );

  app.get<{ Querystring: RecommendationParams & { cluster?: string } }>(
    `${base}/recommendations`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'List recommendations, worst first; pass `next` back as `cursor`',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            cluster: { type: 'string', minLength: 1, maxLength: 512 },
            ...recommendationQueryProperties,
          },
        },
        response: { 200: pageOf(recommendationSchema) },
      },
    },
    async (request) => {
      const { cluster, ...query } = request.query;
      return page(
        await store.recommendations.list({
          ...recommendationQuery(query),
          ...(cluster !== undefined ? { clusterId: cluster } : {}),
        })
      );
    }
  );

  app.get<{ Params: { id: string }; Querystring: RecommendationParams }>(
    `${base}/clusters/:id/recommendations`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'A cluster’s recommendations, worst first, with counts by status and severity',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: recommendationQueryProperties,
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'counts'],
            properties: {
              ...(pageOf(recommendationSchema) as { properties: object }).properties,
              counts: {
                type: 'object',
                required: ['byStatus', 'failingBySeverity'],
                properties: {
                  byStatus: { type: 'object', additionalProperties: { type: 'integer' } },
                  failingBySeverity: { type: 'object', additionalProperties: { type: 'integer' } },
                },
              },
            },
          },
        },
      },
    },
    async (request) => {
      const cluster = await store.clusters.get(request.params.id);
      const found = await store.recommendations.list({
        ...recommendationQuery(request.query),
        clusterId: cluster.id,
      });
      return { ...page(found), counts: await store.recommendations.counts(cluster.id) };
    }
  );

  app.get<{ Params: { id: string } }>(
    `${base}/clusters/:id/nodes`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'A cluster’s nodes with their vCPUs, as its last assessment saw them',
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['items', 'vcpus'],
            properties: {
              items: { type: 'array', items: nodeSchema },
              vcpus: { type: 'number', description: 'exact total of status.capacity.cpu' },
            },
          },
        },
      },
    },
    async (request) => {
      const cluster = await store.clusters.get(request.params.id);
      const items = await store.inventory.nodes(cluster.id);
      const millis = items.reduce((sum, node) => sum + (node.cpuMillicores ?? 0), 0);
      return { items, vcpus: millis / 1000 };
    }
  );

  app.get<{
    Params: { id: string };
    Querystring: { namespace?: string; limit?: string; cursor?: string };
  }>(
    `${base}/clusters/:id/workloads`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'A cluster’s workloads and the images they run, by namespace, kind and name',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            namespace: { type: 'string', maxLength: 253 },
            limit: { ...limitParameter, description: '1 to 1000' },
            cursor: cursorParameter,
          },
        },
        response: { 200: pageOf(workloadSchema) },
      },
    },
    async (request) => {
      const cluster = await store.clusters.get(request.params.id);
      const { limit, ...query } = request.query;
      return page(
        await store.inventory.workloads(cluster.id, {
          ...query,
          ...(limit !== undefined ? { limit: Number(limit) } : {}),
        })
      );
    }
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: string; cursor?: string } }>(
    `${base}/clusters/:id/assessments`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'A cluster’s assessment runs, newest first, failed ones with the reason',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { limit: limitParameter, cursor: cursorParameter },
        },
        response: { 200: pageOf(assessmentSchema) },
      },
    },
    async (request) => {
      const cluster = await store.clusters.get(request.params.id);
      const { limit, cursor } = request.query;
      return page(
        await store.assessments.list(cluster.id, {
          ...(limit !== undefined ? { limit: Number(limit) } : {}),
          ...(cursor !== undefined ? { cursor } : {}),
        })
      );
    }
  );

  app.get<{ Querystring: MeteringParams }>(
    `${base}/metering`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'Protected vCores per cluster per day: the day’s largest node vCPU total seen',
        querystring: meteringQuery,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: meteringDaySchema } },
          },
        },
      },
    },
    async (request) => {
      const { cluster, from, to } = request.query;
      return {
        items: await store.metering.days({
          from,
          to,
          ...(cluster !== undefined ? { clusterId: cluster } : {}),
        }),
      };
    }
  );

  app.get<{ Querystring: MeteringParams }>(
    `${base}/metering/monthly`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'Per cluster per month: vCore-days and the average vCores of the days measured',
        querystring: meteringQuery,
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: meteringMonthSchema } },
          },
        },
      },
    },
    async (request) => {
      const { cluster, from, to } = request.query;
      return {
        items: await store.metering.months({
          from,
          to,
          ...(cluster !== undefined ? { clusterId: cluster } : {}),
        }),
      };
    }
  );
}
