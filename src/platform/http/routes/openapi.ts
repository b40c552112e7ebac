import type { FastifyInstance } from 'fastify';
import { base, type ApiContext } from '../context.js';
import { openApiDocument } from '../openapi.js';

export function openApiRoutes(app: FastifyInstance, { routes, version }: ApiContext): void {
  app.get(
    `${base}/openapi.json`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'This document: OpenAPI 3.1',
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    () => openApiDocument(routes, version)
  );
}
