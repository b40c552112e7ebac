import type { FastifyInstance } from 'fastify';
import { alertSeverityOrder, type AlertSeverity } from '../../../core/alert.js';
import { describeError } from '../../../core/errors.js';
import {
  channelKinds,
  defaultSendTimeoutMs,
  parseChannel,
  testMessage,
} from '../../notify/index.js';
import type { ChannelChange } from '../../store/index.js';
import { base, idParams, type ApiContext } from '../context.js';

const clusterList = {
  type: 'array',
  minItems: 1,
  maxItems: 100,
  items: { type: 'string', minLength: 1, maxLength: 512 },
} as const;

const configSchema = {
  type: 'object',
  description: "the kind's settings (see src/platform/notify/<kind>/readme.md); never returned",
} as const;

const newChannel = {
  type: 'object',
  required: ['name', 'kind', 'config'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 256 },
    kind: { type: 'string', enum: [...channelKinds.keys()] },
    config: configSchema,
    minSeverity: { type: 'string', enum: [...alertSeverityOrder] },
    clusters: clusterList,
    enabled: { type: 'boolean' },
  },
} as const;

const channelChange = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 256 },
    config: configSchema,
    minSeverity: { type: 'string', enum: [...alertSeverityOrder] },
    clusters: { anyOf: [clusterList, { type: 'null' }] },
    enabled: { type: 'boolean' },
  },
} as const;

const channelSchema = {
  type: 'object',
  required: ['id', 'name', 'kind', 'target', 'minSeverity', 'enabled', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string' },
    target: { type: 'string', description: 'where it sends, without secrets' },
    minSeverity: { type: 'string' },
    clusters: { type: 'array', items: { type: 'string' } },
    enabled: { type: 'boolean' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
  },
} as const;

const testOutcome = {
  type: 'object',
  required: ['delivered', 'target'],
  properties: {
    delivered: { type: 'boolean' },
    target: { type: 'string' },
    error: { type: 'string' },
  },
} as const;

interface NewChannelBody {
  name: string;
  kind: string;
  config: Record<string, unknown>;
  minSeverity?: AlertSeverity;
  clusters?: string[];
  enabled?: boolean;
}

type ChangeBody = Omit<ChannelChange, 'target'>;

/**
 * Notification channels (admin only: their configs are credentials). The config goes in, is
 * checked by its kind and sealed by the store, and never comes out: answers show `target`.
 */
export function notificationChannelRoutes(
  app: FastifyInstance,
  { store, version }: ApiContext
): void {
  const path = `${base}/notification-channels`;

  app.post<{ Body: NewChannelBody }>(
    path,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Add a notification channel (webhook, slack, syslog-cef); its config is sealed',
        body: newChannel,
        response: { 201: channelSchema },
      },
    },
    async (request, reply) => {
      const { config, ...rest } = request.body;
      const parsed = parseChannel(rest.kind, config);
      const channel = await store.notificationChannels.add({
        ...rest,
        config: parsed.config,
        target: parsed.target,
      });
      return reply.status(201).send(channel);
    }
  );

  app.get(
    path,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'List notification channels (no configs)',
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: channelSchema } },
          },
        },
      },
    },
    async () => ({ items: await store.notificationChannels.list() })
  );

  app.get<{ Params: { id: string } }>(
    `${path}/:id`,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Get a notification channel (no config)',
        params: idParams,
        response: { 200: channelSchema },
      },
    },
    async (request) => await store.notificationChannels.get(request.params.id)
  );

  app.patch<{ Params: { id: string }; Body: ChangeBody }>(
    `${path}/:id`,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change a channel; a new config replaces the old one whole',
        params: idParams,
        body: channelChange,
        response: { 200: channelSchema },
      },
    },
    async (request) => {
      const { config, ...rest } = request.body;
      let change: ChannelChange = rest;
      if (config !== undefined) {
        const current = await store.notificationChannels.get(request.params.id);
        const parsed = parseChannel(current.kind, config);
        change = { ...rest, config: parsed.config, target: parsed.target };
      }
      return await store.notificationChannels.update(request.params.id, change);
    }
  );

  app.delete<{ Params: { id: string } }>(
    `${path}/:id`,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Remove a notification channel',
        params: idParams,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await store.notificationChannels.remove(request.params.id);
      return reply.status(204).send();
    }
  );

  app.post<{ Params: { id: string } }>(
    `${path}/:id/test`,
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Send a test message now (even to a disabled channel) and answer with the outcome',
        params: idParams,
        response: { 200: testOutcome },
      },
    },
    async (request) => {
      const channel = await store.notificationChannels.getWithConfig(request.params.id);
      const parsed = parseChannel(channel.kind, channel.config);
      try {
        await parsed.send(testMessage({ version, channelName: channel.name }), {
          timeoutMs: defaultSendTimeoutMs,
        });
        return { delivered: true, target: parsed.target };
      } catch (error) {
        return { delivered: false, target: parsed.target, error: describeError(error) };
      }
    }
  );
}
