import type { FastifyInstance } from 'fastify';
import type { ClusterSource } from '../../store/index.js';
import { clusterSources } from '../../store/index.js';
import { publishAssessment } from '../../assess-pipeline/index.js';
import { base, idParams, type ApiContext } from '../context.js';
import { auditWebhookSchema, clusterSchema, noContent, pageOf } from '../response-schemas.js';

const newCluster = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 256 },
    source: { type: 'string', enum: [...clusterSources], default: 'kubeconfig-context' },
    config: { type: 'object' },
  },
} as const;

export function auditPath(clusterId: string): string {
  return `${base}/clusters/${encodeURIComponent(clusterId)}/audit`;
}

export function clusterRoutes(app: FastifyInstance, { store, queue, logger }: ApiContext): void {
  app.post<{ Body: { name: string; source: ClusterSource; config?: Record<string, unknown> } }>(
    `${base}/clusters`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Add a cluster; the answer holds its audit-webhook token, once',
        response: { 201: clusterSchema },
        body: newCluster,
      },
    },
    async (request, reply) => {
      const cluster = await store.clusters.add(request.body);
      const { token } = await store.webhookTokens.create(cluster.id);
      try {
        // Assessed on add; when the queue fails, the next schedule assesses it instead.
        await publishAssessment(queue, cluster.id, 'add');
      } catch (error) {
        logger.warn({ err: error, cluster: cluster.id }, 'first assessment not queued');
      }
      return reply
        .status(201)
        .send({ ...cluster, auditWebhook: { path: auditPath(cluster.id), token } });
    }
  );

  app.get(
    `${base}/clusters`,
    {
      config: { access: 'reader' },
      schema: { summary: 'List clusters', response: { 200: pageOf(clusterSchema) } },
    },
    async () => ({ items: await store.clusters.list() })
  );

  app.get<{ Params: { id: string } }>(
    `${base}/clusters/:id`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'Get a cluster',
        params: idParams,
        response: { 200: clusterSchema },
      },
    },
    async (request) => {
      const cluster = await store.clusters.get(request.params.id);
      return { ...cluster, auditWebhook: { path: auditPath(cluster.id) } };
    }
  );

  app.post<{ Params: { id: string } }>(
    `${base}/clusters/:id/audit-webhook/rotate`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Issue a new audit-webhook token (shown once) and revoke the earlier ones',
        params: idParams,
        response: { 200: auditWebhookSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { token } = await store.webhookTokens.rotate(id);
      return { path: auditPath(id), token };
    }
  );

  app.delete<{ Params: { id: string } }>(
    `${base}/clusters/:id`,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Remove a cluster with its alerts and webhook tokens',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await store.clusters.remove(request.params.id);
      return reply.status(204).send();
    }
  );
}
