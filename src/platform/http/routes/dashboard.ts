import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError } from '../../../core/errors.js';
import type { ApiContext } from '../context.js';

/**
 * The built dashboard has no inline script, so the policy can forbid every origin but ours;
 * styles may be inline because the charts set sizes on their canvas.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Paths the API owns: an unknown one is a JSON 404, never the dashboard's page. */
const apiPrefixes = ['/api/', '/metrics', '/healthz', '/readyz'];

function page(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', contentSecurityPolicy)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .sendFile('index.html');
}

/**
 * The dashboard (`web/`, built into `webRoot`): its hashed assets, cached for good, and its
 * page for `/` and every deep link, so a bookmarked `/alerts?severity=high` loads. No token is
 * needed to load the page; every API call it makes needs one.
 */
export function dashboardRoutes(app: FastifyInstance, _context: ApiContext, webRoot: string): void {
  // Only `reply.sendFile`: the routes below decide what is served, and declare their access.
  void app.register(fastifyStatic, { root: webRoot, serve: false, index: false });
  const hidden = { config: { access: 'public' as const }, schema: { hide: true } };

  app.get('/', hidden, async (_request, reply) => page(reply));

  app.get<{ Params: { '*': string } }>('/assets/*', hidden, async (request, reply) =>
    reply
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .sendFile(`assets/${request.params['*']}`)
  );

  app.get('/*', hidden, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (apiPrefixes.some((prefix) => path.startsWith(prefix))) {
      throw new NotFoundError(`no route GET ${path}`);
    }
    return page(reply);
  });
}
