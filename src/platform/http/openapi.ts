import type { RouteOptions } from 'fastify';
import type { Access } from './auth.js';
import { errorSchema } from './errors.js';

declare module 'fastify' {
  interface FastifySchema {
    /** One line for the OpenAPI document. */
    summary?: string;
    /** Left out of the OpenAPI document: the dashboard's page and assets. */
    hide?: boolean;
  }
}

/** What `onRoute` saw of one route: enough to describe it. */
export interface RouteRecord {
  method: string;
  url: string;
  access: Access;
  summary?: string;
  schema: {
    body?: unknown;
    params?: unknown;
    querystring?: unknown;
    response?: unknown;
  };
}

export function recordOf(route: RouteOptions): RouteRecord[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const schema = (route.schema ?? {}) as RouteRecord['schema'] & {
    summary?: string;
    hide?: boolean;
  };
  if (schema.hide === true) {
    return [];
  }
  return methods
    .filter((method) => method !== 'HEAD')
    .map((method) => ({
      method,
      url: route.url,
      access: route.config?.access ?? 'admin',
      ...(schema.summary !== undefined ? { summary: schema.summary } : {}),
      schema,
    }));
}

interface ObjectSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

function parameters(where: 'path' | 'query', schema: unknown): unknown[] {
  const object = (schema ?? {}) as ObjectSchema;
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const statusText: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '204': 'No content',
};

function operation(route: RouteRecord): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const declared = (route.schema.response ?? {}) as Record<string, unknown>;
  for (const [status, schema] of Object.entries(declared)) {
    responses[status] = {
      description: statusText[status] ?? status,
      ...(status === '204' ? {} : { content: { 'application/json': { schema } } }),
    };
  }
  if (Object.keys(responses).length === 0) {
    responses['200'] = { description: 'OK' };
  }
  responses['default'] = {
    description: 'An error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  return {
    ...(route.summary !== undefined ? { summary: route.summary } : {}),
    'x-palisade-access': route.access,
    ...(route.access === 'public' ? { security: [] } : {}),
    parameters: [
      ...parameters('path', route.schema.params),
      ...parameters('query', route.schema.querystring),
    ],
    ...(route.schema.body !== undefined
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: route.schema.body } },
          },
        }
      : {}),
    responses,
  };
}

/** An OpenAPI 3.1 document of the routes as registered, so it cannot drift from them. */
export function openApiDocument(routes: readonly RouteRecord[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Palisade API', version },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
