import type { FastifyInstance } from 'fastify';
import type { TokenRole } from '../../store/index.js';
import { tokenRoles } from '../../store/index.js';
import { base, idParams, type ApiContext } from '../context.js';
import { HttpError } from '../errors.js';
import {
  apiTokenSchema,
  createdTokenSchema,
  currentTokenSchema,
  pageOf,
} from '../response-schemas.js';

const newToken = {
  type: 'object',
  required: ['name', 'role'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 256 },
    role: { type: 'string', enum: [...tokenRoles] },
  },
} as const;

/** API tokens: admins only. The clear token is in the answer to POST, and nowhere else. */
export function tokenRoutes(app: FastifyInstance, { store }: ApiContext): void {
  app.post<{ Body: { name: string; role: TokenRole } }>(
    `${base}/tokens`,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create an API token (shown once)',
        body: newToken,
        response: { 201: createdTokenSchema },
      },
    },
    async (request, reply) => {
      const { token, record } = await store.tokens.create(request.body);
      return reply.status(201).send({ ...record, token });
    }
  );

  app.get(
    `${base}/tokens`,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'List API tokens (never their secrets)',
        response: { 200: pageOf(apiTokenSchema) },
      },
    },
    async () => ({ items: await store.tokens.list() })
  );

  app.get(
    `${base}/tokens/current`,
    {
      config: { access: 'reader' },
      schema: {
        summary: 'The token this request is made with: its id, name and role',
        response: { 200: currentTokenSchema },
      },
    },
    // Any role may ask who it is: the dashboard offers only what the role allows, and does not
    // offer to revoke the token it is signed in with.
    (request) => {
      const caller = request.caller;
      if (caller?.kind !== 'token') {
        throw new HttpError(401, 'unauthorized', 'an API token is required');
      }
      return Promise.resolve({ id: caller.id, name: caller.name, role: caller.role });
    }
  );

  app.delete<{ Params: { id: string } }>(
    `${base}/tokens/:id`,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Revoke an API token',
        params: idParams,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await store.tokens.revoke(request.params.id);
      return reply.status(204).send();
    }
  );
}
