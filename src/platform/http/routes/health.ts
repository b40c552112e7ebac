import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { errorBody, errorSchema } from '../errors.js';
import { statusSchema } from '../response-schemas.js';

/** Liveness and readiness, for probes: no token. */
export function healthRoutes(app: FastifyInstance, { store, logger }: ApiContext): void {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { summary: 'The process answers', response: { 200: statusSchema } },
    },
    () => ({ status: 'ok' })
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        summary: 'The store answers a trivial query',
        response: { 200: statusSchema, 503: errorSchema },
      },
    },
    async (_request, reply) => {
      try {
        await store.db.selectFrom('clusters').select('id').limit(1).execute();
        return { status: 'ready' };
      } catch (error) {
        logger.warn({ err: error }, 'readiness check: the store does not answer');
        return reply.status(503).send(errorBody('internal', 'the store does not answer'));
      }
    }
  );
}
