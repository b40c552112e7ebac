import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { isRecord } from '../../../core/is-record.js';
import type { AuditBatch } from '../../audit-pipeline/index.js';
import { base, idParams, type ApiContext } from '../context.js';
import { auditBatchAcceptedSchema } from '../response-schemas.js';
import { HttpError } from '../errors.js';

/** The API server sends batches of up to 400 events by default; this leaves ample room. */
export const maxAuditBodyBytes = 32 * 1024 * 1024;
/** Under the queue's default 1 MiB payload cap (NATS's max_payload), with room for the wrapper. */
export const maxJobBytes = 900 * 1024;

const eventList = {
  type: 'object',
  required: ['kind', 'apiVersion', 'items'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', const: 'EventList' },
    apiVersion: { type: 'string', pattern: '^audit\\.k8s\\.io/' },
    metadata: { type: 'object' },
    items: { type: 'array', items: { type: 'object' } },
  },
} as const;

/**
 * Same events, same id: an API server that resends a batch after a timeout is deduplicated by
 * the queue. Audit IDs and stages name the events without hashing their whole bodies.
 */
function batchId(clusterId: string, items: readonly unknown[]): string {
  const hash = createHash('sha256').update(clusterId);
  for (const item of items) {
    const auditID = isRecord(item) ? item['auditID'] : undefined;
    const stage = isRecord(item) ? item['stage'] : undefined;
    hash.update(
      typeof auditID === 'string' && typeof stage === 'string'
        ? `\u0000${auditID}\u0000${stage}`
        : `\u0000${JSON.stringify(item)}`
    );
  }
  return `audit:${hash.digest('hex')}`;
}

/** Splits the items into jobs under `maxJobBytes`; an item bigger than that alone is dropped. */
function chunk(items: readonly unknown[]): { chunks: unknown[][]; dropped: number } {
  const chunks: unknown[][] = [];
  let current: unknown[] = [];
  let size = 0;
  let dropped = 0;
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (bytes > maxJobBytes) {
      dropped += 1;
      continue;
    }
    if (size + bytes > maxJobBytes && current.length > 0) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0) {
    chunks.push(current);
  }
  return { chunks, dropped };
}

/**
 * The Kubernetes audit webhook backend for one cluster: authenticated by that cluster's webhook
 * token, it queues the batch and answers at once; the audit pipeline judges it later.
 */
export function auditWebhookRoutes(
  app: FastifyInstance,
  { queue, logger, requests }: ApiContext
): void {
  app.post<{ Params: { id: string }; Body: { items: unknown[] } }>(
    `${base}/clusters/:id/audit`,
    {
      config: { access: 'webhook' },
      bodyLimit: maxAuditBodyBytes,
      schema: {
        summary: 'Audit webhook: an audit.k8s.io EventList, with the cluster’s webhook token',
        response: { 200: auditBatchAcceptedSchema },
        params: idParams,
        body: eventList,
      },
      preParsing: async (request, _reply, payload) => {
        const encoding = request.headers['content-encoding'];
        if (encoding !== undefined && encoding !== 'identity') {
          throw new HttpError(
            415,
            'bad_request',
            'Content-Encoding is not accepted; send the EventList uncompressed'
          );
        }
        return payload;
      },
    },
    async (request) => {
      const clusterId = request.params.id;
      const { items } = request.body;
      const id = batchId(clusterId, items);
      const { chunks, dropped } = chunk(items);
      let duplicate = false;
      for (const [index, part] of chunks.entries()) {
        const payload: AuditBatch = { clusterId, items: part };
        const published = await queue.publish('audit-events', payload, {
          id: chunks.length === 1 ? id : `${id}:${index + 1}`,
        });
        duplicate ||= published.duplicate;
      }
      if (dropped > 0) {
        logger.warn({ cluster: clusterId, dropped }, 'audit events over the job size dropped');
      }
      if (!duplicate) {
        requests.addAuditEvents(items.length - dropped, dropped);
      }
      return { accepted: items.length - dropped, dropped, batch: id, duplicate };
    }
  );
}
