import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../../core/logger.js';
import type { Queue } from '../queue/index.js';
import type { Store } from '../store/index.js';
import { authenticate } from './auth.js';
import type { ApiContext } from './context.js';
import { errorBody, handleError } from './errors.js';
import { defaultFailureLimit, FailureLimiter, type FailureLimit } from './failure-limiter.js';
import { RequestCounter } from './metrics.js';
import { recordOf, type RouteRecord } from './openapi.js';
import { alertRoutes } from './routes/alerts.js';
import { auditWebhookRoutes } from './routes/audit-webhook.js';
import { clusterRoutes } from './routes/clusters.js';
import { complianceRoutes } from './routes/compliance.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { exemptionRoutes } from './routes/exemptions.js';
import { healthRoutes } from './routes/health.js';
import { vulnerabilityRoutes } from './routes/vulnerabilities.js';
import { imageRoutes } from './routes/images.js';
import { inventoryRoutes } from './routes/inventory.js';
import { metricsRoutes } from './routes/metrics.js';
import { notificationChannelRoutes } from './routes/notification-channels.js';
import { openApiRoutes } from './routes/openapi.js';
import { postureRoutes } from './routes/posture.js';
import { registryRoutes } from './routes/registries.js';
import { scoreRoutes } from './routes/score.js';
import { suppressionRuleRoutes } from './routes/suppression-rules.js';
import { tokenRoutes } from './routes/tokens.js';

export interface ServerOptions {
  store: Store;
  queue: Queue;
  logger: Logger;
  /** Palisade's version, for the OpenAPI document. */
  version: string;
  /** The built dashboard (`dist/web`), served at `/`; none: the API alone. */
  webRoot?: string;
  /** Failed authentications allowed per client IP; 20 a minute by default. */
  failureLimit?: FailureLimit;
}

/** The REST API, built and not listening: the caller picks the address. */
export function buildServer(options: ServerOptions): FastifyInstance {
  // Typed as Fastify's logger so the instance is the plain FastifyInstance route files take.
  const logger: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance: logger,
    exposeHeadRoutes: false,
    // Fastify's default Ajv strips unknown properties and turns 5 into "5"; refuse both instead,
    // naming the field. Query values stay strings, and routes parse the numeric ones.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } },
  });
  const routes: RouteRecord[] = [];
  const requests = new RequestCounter();
  const limiter = new FailureLimiter(options.failureLimit ?? defaultFailureLimit);
  const context: ApiContext = {
    store: options.store,
    queue: options.queue,
    logger: options.logger,
    version: options.version,
    routes,
    requests,
  };

  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined) {
      throw new Error(`route ${route.method.toString()} ${route.url} declares no access`);
    }
    routes.push(...recordOf(route));
  });
  app.addHook('onRequest', async (request) => {
    await authenticate(request, options.store, limiter);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    requests.add(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`))
  );

  healthRoutes(app, context);
  openApiRoutes(app, context);
  metricsRoutes(app, context);
  tokenRoutes(app, context);
  clusterRoutes(app, context);
  registryRoutes(app, context);
  alertRoutes(app, context);
  scoreRoutes(app, context);
  imageRoutes(app, context);
  vulnerabilityRoutes(app, context);
  suppressionRuleRoutes(app, context);
  notificationChannelRoutes(app, context);
  auditWebhookRoutes(app, context);
  postureRoutes(app, context);
  exemptionRoutes(app, context);
  complianceRoutes(app, context);
  inventoryRoutes(app, context);
  if (options.webRoot !== undefined) {
    dashboardRoutes(app, context, options.webRoot);
  }
  return app;
}
