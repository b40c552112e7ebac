import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { gauge } from '../metrics.js';

/** Prometheus text: requests by route and status, the audit queue's depth, alerts stored. */
export function metricsRoutes(app: FastifyInstance, { store, queue, requests }: ApiContext): void {
  app.get(
    '/metrics',
    { config: { access: 'reader' }, schema: { summary: 'Prometheus metrics' } },
    async (_request, reply) => {
      const depth = await queue.depth('audit-events');
      const row = await store.db
        .selectFrom('alerts')
        .select((eb) => eb.fn.countAll().as('alerts'))
        .executeTakeFirstOrThrow();
      const lines = [
        ...requests.lines(),
        ...gauge(
          'palisade_queue_depth_audit_events',
          'Audit batches published and not yet finished.',
          depth
        ),
        ...gauge('palisade_alerts_stored', 'Alerts in the store.', Number(row.alerts)),
      ];
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(`${lines.join('\n')}\n`);
    }
  );
}
