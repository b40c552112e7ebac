import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../../test/harness/audit-events.js';
import { call, startTestServer, type Answer, type TestServer } from './test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ pipeline: false });
});
afterAll(async () => {
  await server.close();
});

const errorOf = (answer: Answer): { code: string; field?: string; message: string } =>
  (answer.body as { error: { code: string; field?: string; message: string } }).error;

const batch = {
  kind: 'EventList',
  apiVersion: 'audit.k8s.io/v1',
  items: [auditEvent({ verb: 'get', objectRef: { resource: 'pods', apiVersion: 'v1' } })],
};

describe('the routes the settings page leans on', () => {
  it('tells each token who it is, never the secret', async () => {
    const listed = await call(server, 'GET', '/api/v1/tokens', { token: server.tokens.admin });
    const records = (listed.body as { items: { id: string; name: string; role: string }[] }).items;
    for (const role of ['reader', 'operator', 'admin'] as const) {
      const answer = await call(server, 'GET', '/api/v1/tokens/current', {
        token: server.tokens[role],
      });
      expect(answer.status).toBe(200);
      const record = records.find((item) => item.name === `test ${role}`);
      expect(answer.body).toEqual({ id: record?.id, name: `test ${role}`, role });
      expect(answer.text).not.toContain(server.tokens[role]);
    }
    const clusterId = (await server.store.clusters.add({ name: 'who', source: 'eks' })).id;
    const { token } = await server.store.webhookTokens.create(clusterId);
    expect((await call(server, 'GET', '/api/v1/tokens/current', { token })).status).toBe(401);
  });

  it('rotates a cluster’s audit-webhook token: the old one is refused, the new one accepted', async () => {
    const added = await call(server, 'POST', '/api/v1/clusters', {
      token: server.tokens.operator,
      body: { name: 'rotating', source: 'eks' },
    });
    const cluster = added.body as { id: string; auditWebhook: { path: string; token: string } };
    const before = await call(server, 'POST', cluster.auditWebhook.path, {
      token: cluster.auditWebhook.token,
      body: batch,
    });
    expect(before.status).toBe(200);

    const rotated = await call(
      server,
      'POST',
      `/api/v1/clusters/${cluster.id}/audit-webhook/rotate`,
      { token: server.tokens.operator }
    );
    expect(rotated.status).toBe(200);
    const hook = rotated.body as { path: string; token: string };
    expect(hook.path).toBe(cluster.auditWebhook.path);
    expect(hook.token).toMatch(/^palw_/);
    expect(hook.token).not.toBe(cluster.auditWebhook.token);

    const old = await call(server, 'POST', hook.path, {
      token: cluster.auditWebhook.token,
      body: batch,
    });
    expect(old.status).toBe(401);
    const fresh = await call(server, 'POST', hook.path, { token: hook.token, body: batch });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ accepted: 1, dropped: 0 });

    const shown = await call(server, 'GET', `/api/v1/clusters/${cluster.id}`, {
      token: server.tokens.admin,
    });
    expect(shown.text).not.toContain(hook.token);
  });

  it('answers 404 for rotating an unknown cluster, 403 for a reader', async () => {
    const unknown = await call(server, 'POST', '/api/v1/clusters/nope/audit-webhook/rotate', {
      token: server.tokens.admin,
    });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown)).toMatchObject({
      code: 'not_found',
      message: 'no cluster with id nope',
    });
    const cluster = await server.store.clusters.add({ name: 'reader-rotates', source: 'eks' });
    const refused = await call(
      server,
      'POST',
      `/api/v1/clusters/${cluster.id}/audit-webhook/rotate`,
      { token: server.tokens.reader }
    );
    expect(refused.status).toBe(403);
    expect(errorOf(refused).message).toBe('this needs the operator role; the token is reader');
  });

  it('refuses a registry URL the scanner could not use, naming url and saying why', async () => {
    const answer = await call(server, 'POST', '/api/v1/registries', {
      token: server.tokens.operator,
      body: { name: 'with-path', url: 'https://registry.example/team' },
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toEqual({
      code: 'bad_request',
      field: 'url',
      message: 'url: a registry URL is [http[s]://]host[:port], without a path',
    });
    const listed = await call(server, 'GET', '/api/v1/registries', { token: server.tokens.reader });
    expect(listed.text).not.toContain('with-path');
    for (const url of ['127.0.0.1:5000', 'http://127.0.0.1:5000', 'https://ghcr.io']) {
      const added = await call(server, 'POST', '/api/v1/registries', {
        token: server.tokens.operator,
        body: { name: `ok ${url}`, url },
      });
      expect(added.status).toBe(201);
    }
  });
});
