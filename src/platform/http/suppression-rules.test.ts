import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAlert } from '../store/contract-support.js';
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

interface RuleBody {
  id: string;
  match: Record<string, string[]>;
  clusters?: string[];
  reason: string;
  expires?: string;
  createdBy: string;
  dismissed?: number;
}

describe('suppression rules over HTTP', () => {
  it('adds, lists, gets and deletes a rule, recording who wrote it', async () => {
    const added = await call(server, 'POST', '/api/v1/suppression-rules', {
      token: server.tokens.operator,
      body: {
        match: { rules: ['pod-exec'], namespaces: ['shop'] },
        reason: 'on-call debugging, SEC-311',
        expires: '2999-01-31',
      },
    });
    expect(added.status).toBe(201);
    const rule = added.body as RuleBody;
    expect(rule).toMatchObject({
      match: { rules: ['pod-exec'], namespaces: ['shop'] },
      reason: 'on-call debugging, SEC-311',
      expires: '2999-01-31T00:00:00.000Z',
      createdBy: 'token test operator',
    });
    expect(rule).not.toHaveProperty('dismissed');
    const listed = await call(server, 'GET', '/api/v1/suppression-rules', {
      token: server.tokens.reader,
    });
    expect((listed.body as { items: RuleBody[] }).items.map(({ id }) => id)).toContain(rule.id);
    const one = await call(server, 'GET', `/api/v1/suppression-rules/${rule.id}`, {
      token: server.tokens.reader,
    });
    expect(one.body).toEqual(rule);
    const removed = await call(server, 'DELETE', `/api/v1/suppression-rules/${rule.id}`, {
      token: server.tokens.operator,
    });
    expect(removed.status).toBe(204);
    for (const method of ['GET', 'DELETE']) {
      const gone = await call(server, method, `/api/v1/suppression-rules/${rule.id}`, {
        token: server.tokens.operator,
      });
      expect(gone.status).toBe(404);
    }
  });

  it('dismisses the open alerts it covers when asked, and says how many', async () => {
    const cluster = await server.store.clusters.add({ name: 'apply', source: 'eks' });
    const other = await server.store.clusters.add({ name: 'apply-other', source: 'eks' });
    for (const id of ['a', 'b', 'c']) {
      await server.store.alerts.upsert(cluster.id, engineAlert({ id, rule: 'pod-exec' }));
    }
    await server.store.alerts.upsert(cluster.id, engineAlert({ id: 'd', rule: 'tor-caller' }));
    await server.store.alerts.upsert(other.id, engineAlert({ id: 'e', rule: 'pod-exec' }));
    await server.store.alerts.setStatus(`${cluster.id}:c`, 'resolved');
    const added = await call(server, 'POST', '/api/v1/suppression-rules', {
      token: server.tokens.operator,
      body: {
        match: { rules: ['pod-*'], users: ['alice'] },
        clusters: [cluster.id],
        reason: 'alice runs the smoke tests',
        applyToExisting: true,
      },
    });
    expect(added.status).toBe(201);
    const rule = added.body as RuleBody;
    expect(rule.dismissed).toBe(2);
    const a = await server.store.alerts.get(`${cluster.id}:a`);
    expect(a).toMatchObject({
      status: 'dismissed',
      dismissReason: `suppressed by rule ${rule.id}: alice runs the smoke tests`,
      statusChangedBy: `suppression rule ${rule.id}`,
    });
    expect((await server.store.alerts.get(`${cluster.id}:c`)).status).toBe('resolved');
    expect((await server.store.alerts.get(`${cluster.id}:d`)).status).toBe('new');
    expect((await server.store.alerts.get(`${other.id}:e`)).status).toBe('new');
  });

  it.each([
    [{ reason: 'r' }, 'match'],
    [{ match: {}, reason: 'r' }, 'match'],
    [{ match: { rules: 'pod-exec' }, reason: 'r' }, 'match.rules'],
    [{ match: { rules: [] }, reason: 'r' }, 'match.rules'],
    [{ match: { rules: ['x'.repeat(257)] }, reason: 'r' }, 'match.rules.0'],
    [{ match: { colours: ['red'] }, reason: 'r' }, 'colours'],
    [{ match: { serviceAccounts: ['nope'] }, reason: 'r' }, 'match.serviceAccounts.0'],
    [{ match: { rules: ['x'] } }, 'reason'],
    [{ match: { rules: ['x'] }, reason: 'r', expires: '2001-01-01' }, 'expires'],
    [{ match: { rules: ['x'] }, reason: 'r', expires: 'someday soon' }, 'expires'],
    [{ match: { rules: ['x'] }, reason: 'r', clusters: ['nope'] }, 'clusters'],
    [{ match: { rules: ['x'] }, reason: 'r', applyToExisting: 'yes' }, 'applyToExisting'],
    [{ match: { rules: ['x'] }, reason: 'r', origin: 'x' }, 'origin'],
  ])('POST %j is a 400 naming %s', async (body, field) => {
    const answer = await call(server, 'POST', '/api/v1/suppression-rules', {
      token: server.tokens.operator,
      body,
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });
});

describe('alert lifecycle over HTTP', () => {
  it('keeps who changed a status and when, and lists by several statuses', async () => {
    const cluster = await server.store.clusters.add({ name: 'lifecycle', source: 'eks' });
    for (const id of ['n', 'p', 'r']) {
      await server.store.alerts.upsert(cluster.id, engineAlert({ id }));
    }
    const changed = await call(server, 'PATCH', `/api/v1/alerts/${cluster.id}:p`, {
      token: server.tokens.operator,
      body: { status: 'in_progress' },
    });
    expect(changed.body).toMatchObject({
      status: 'in_progress',
      statusChangedBy: 'token test operator',
    });
    await server.store.alerts.setStatus(`${cluster.id}:r`, 'resolved');
    const open = await call(
      server,
      'GET',
      `/api/v1/alerts?cluster=${cluster.id}&status=new,in_progress`,
      { token: server.tokens.reader }
    );
    expect((open.body as { items: { id: string }[] }).items.map(({ id }) => id).sort()).toEqual([
      `${cluster.id}:n`,
      `${cluster.id}:p`,
    ]);
    const bad = await call(server, 'GET', '/api/v1/alerts?status=new,closed', {
      token: server.tokens.reader,
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).field).toBe('status');
  });
});
