import type { FastifyInstance } from 'fastify';
import { InputError, NotFoundError, UsageError } from '../../../core/errors.js';
import { publishDiscovery, registryHost } from '../../scan-pipeline/index.js';
import { base, idParams, type ApiContext } from '../context.js';
import { noContent, pageOf, registrySchema } from '../response-schemas.js';

const newRegistry = {
  type: 'object',
  required: ['name', 'url'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 256 },
    url: { type: 'string', minLength: 1, maxLength: 2048 },
    username: { type: 'string', minLength: 1, maxLength: 256 },
    password: { type: 'string', minLength: 1, maxLength: 16384 },
  },
} as const;

/** A URL the scanner could not use is refused now, not found out at the first scan. */
function checkUrl(url: string): void {
  try {
    registryHost(url);
  } catch (error) {
    if (error instanceof UsageError) {
      throw new InputError(`url: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

interface NewRegistryBody {
  name: string;
  url: string;
  username?: string;
  password?: string;
}

/** Registries; the password is sealed by the store and never leaves it through the API. */
export function registryRoutes(app: FastifyInstance, { store, queue }: ApiContext): void {
  app.post<{ Body: NewRegistryBody }>(
    `${base}/registries`,
    {
      config: { access: 'operator' },
      schema: {
        summary: 'Add a registry (the password is stored encrypted)',
        body: newRegistry,
        response: { 201: registrySchema },
      },
    },
    async (request, reply) => {
      const { password, ...rest } = request.body;
      checkUrl(rest.url);
      const registry = await store.registries.add({
        ...rest,
        ...(password !== undefined ? { secret: password } : {}),
      });
      // Scan on add: the workers enumerate it and scan what they find.
      await publishDiscovery(queue, registry.id, 'added');
      return reply.status(201).send(registry);
    }
  );

  app.get(
    `${base}/registries`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'List registries (no secrets)',
        response: { 200: pageOf(registrySchema) },
      },
    },
    async () => ({ items: await store.registries.list() })
  );

  app.get<{ Params: { id: string } }>(
    `${base}/registries/:id`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'Get a registry (no secret)',
        params: idParams,
        response: { 200: registrySchema },
      },
    },
    async (request) => {
      // From the list, not `get`: `get` decrypts the secret, which no answer may carry.
      const found = (await store.registries.list()).find(({ id }) => id === request.params.id);
      if (found === undefined) {
        throw new NotFoundError(`no registry with id ${request.params.id}`);
      }
      return found;
    }
  );

  app.delete<{ Params: { id: string } }>(
    `${base}/registries/:id`,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Remove a registry',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await store.registries.remove(request.params.id);
      return reply.status(204).send();
    }
  );
}
