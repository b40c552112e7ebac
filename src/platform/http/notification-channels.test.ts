import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../notify/test-support.js';
import { call, startTestServer, type Answer, type TestServer } from './test-server.js';

let server: TestServer;
let receiver: HttpReceiver;
beforeAll(async () => {
  server = await startTestServer({ pipeline: false });
  receiver = await startHttpReceiver();
});
afterAll(async () => {
  await receiver.close();
  await server.close();
});

const errorOf = (answer: Answer): { code: string; field?: string } =>
  (answer.body as { error: { code: string; field?: string } }).error;

const hmacSecret = 'hmac-secret-never-shown-0123456789';

interface ChannelBody {
  id: string;
  name: string;
  target: string;
  enabled: boolean;
  minSeverity: string;
  clusters?: string[];
}

describe('notification channels over HTTP', () => {
  it('adds, shows without secrets, changes, tests and removes a channel', async () => {
    const admin = server.tokens.admin;
    const added = await call(server, 'POST', '/api/v1/notification-channels', {
      token: admin,
      body: {
        name: 'soc',
        kind: 'webhook',
        config: { url: `${receiver.url}/in/secret-path-token`, secret: hmacSecret },
        minSeverity: 'high',
      },
    });
    expect(added.status).toBe(201);
    const channel = added.body as ChannelBody;
    expect(channel).toMatchObject({
      name: 'soc',
      kind: 'webhook',
      target: `${receiver.url}/…`,
      minSeverity: 'high',
      enabled: true,
    });
    for (const answer of [
      added,
      await call(server, 'GET', '/api/v1/notification-channels', { token: admin }),
      await call(server, 'GET', `/api/v1/notification-channels/${channel.id}`, { token: admin }),
    ]) {
      expect(answer.status).toBe(200 + (answer === added ? 1 : 0));
      expect(answer.text).not.toContain('secret-path-token');
      expect(answer.text).not.toContain(hmacSecret);
      expect(answer.text).not.toContain('config');
    }

    const tested = await call(server, 'POST', `/api/v1/notification-channels/${channel.id}/test`, {
      token: admin,
    });
    expect(tested.body).toEqual({ delivered: true, target: `${receiver.url}/…` });
    const [request] = receiver.received;
    expect(request?.url).toBe('/in/secret-path-token');
    expect(request?.headers['x-palisade-event']).toBe('test');
    expect(request?.headers['x-palisade-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);

    receiver.answer = { status: 503, body: 'down for maintenance' };
    const failed = await call(server, 'POST', `/api/v1/notification-channels/${channel.id}/test`, {
      token: admin,
    });
    expect(failed.status).toBe(200);
    expect(failed.body).toEqual({
      delivered: false,
      target: `${receiver.url}/…`,
      error: `${receiver.url}/… answered 503: down for maintenance`,
    });
    receiver.answer = { status: 200 };

    const cluster = await server.store.clusters.add({ name: 'nc', source: 'eks' });
    const changed = await call(server, 'PATCH', `/api/v1/notification-channels/${channel.id}`, {
      token: admin,
      body: {
        enabled: false,
        clusters: [cluster.id],
        config: { url: `${receiver.url}/other-secret` },
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ enabled: false, clusters: [cluster.id] });
    expect(changed.text).not.toContain('other-secret');
    const cleared = await call(server, 'PATCH', `/api/v1/notification-channels/${channel.id}`, {
      token: admin,
      body: { clusters: null },
    });
    expect(cleared.body).not.toHaveProperty('clusters');
    const config = (await server.store.notificationChannels.getWithConfig(channel.id)).config;
    expect(config).toEqual({ url: `${receiver.url}/other-secret` });

    const removed = await call(server, 'DELETE', `/api/v1/notification-channels/${channel.id}`, {
      token: admin,
    });
    expect(removed.status).toBe(204);
    for (const [method, path] of [
      ['GET', `/api/v1/notification-channels/${channel.id}`],
      ['PATCH', `/api/v1/notification-channels/${channel.id}`],
      ['DELETE', `/api/v1/notification-channels/${channel.id}`],
      ['POST', `/api/v1/notification-channels/${channel.id}/test`],
    ] as const) {
      const gone = await call(server, method, path, {
        token: admin,
        ...(method === 'PATCH' ? { body: { enabled: true } } : {}),
      });
      expect(gone.status).toBe(404);
    }
  });

  it('a taken name is a 409 naming name', async () => {
    const body = { name: 'twice', kind: 'slack', config: { url: 'https://hooks.example/x' } };
    const first = await call(server, 'POST', '/api/v1/notification-channels', {
      token: server.tokens.admin,
      body,
    });
    expect(first.status).toBe(201);
    const again = await call(server, 'POST', '/api/v1/notification-channels', {
      token: server.tokens.admin,
      body,
    });
    expect(again.status).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'conflict', field: 'name' });
  });

  const slack = { url: 'https://hooks.example/services/x' };
  it.each([
    [{ kind: 'slack', config: slack }, 'name'],
    [{ name: 'a', config: slack }, 'kind'],
    [{ name: 'a', kind: 'pager', config: slack }, 'kind'],
    [{ name: 'a', kind: 'slack' }, 'config'],
    [{ name: 'a', kind: 'slack', config: 'https://x' }, 'config'],
    [{ name: 'a', kind: 'slack', config: {} }, 'config.url'],
    [{ name: 'a', kind: 'slack', config: { url: 'gopher://x' } }, 'config.url'],
    [
      { name: 'a', kind: 'webhook', config: { url: 'https://x', secret: 'short' } },
      'config.secret',
    ],
    [{ name: 'a', kind: 'syslog-cef', config: { host: 'siem' } }, 'config.transport'],
    [{ name: 'a', kind: 'slack', config: slack, minSeverity: 'urgent' }, 'minSeverity'],
    [{ name: 'a', kind: 'slack', config: slack, clusters: [] }, 'clusters'],
    [{ name: 'a', kind: 'slack', config: slack, enabled: 'yes' }, 'enabled'],
    [{ name: 'a', kind: 'slack', config: slack, colour: 'red' }, 'colour'],
  ])('POST %j is a 400 naming %s', async (body, field) => {
    const answer = await call(server, 'POST', '/api/v1/notification-channels', {
      token: server.tokens.admin,
      body,
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });

  it.each([
    [{}, undefined],
    [{ kind: 'webhook' }, 'kind'],
    [{ config: { url: 'nope' } }, 'config.url'],
    [{ clusters: 'all' }, 'clusters'],
  ])('PATCH %j is a 400 naming %s', async (body, field) => {
    const { id } = await server.store.notificationChannels.add({
      name: `patch-${Math.random()}`,
      kind: 'slack',
      config: slack,
      target: 'https://hooks.example/…',
    });
    const answer = await call(server, 'PATCH', `/api/v1/notification-channels/${id}`, {
      token: server.tokens.admin,
      body,
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).code).toBe('bad_request');
    expect(errorOf(answer).field).toBe(field);
  });
});
