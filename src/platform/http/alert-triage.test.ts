import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordScoreHistory } from '../score/index.js';
import { engineAlert } from '../store/contract-support.js';
import { call, startTestServer, type Answer, type TestServer } from './test-server.js';

let server: TestServer;
let clusterId = '';
beforeAll(async () => {
  server = await startTestServer({ pipeline: false });
  clusterId = (await server.store.clusters.add({ name: 'triage', source: 'eks' })).id;
});
afterAll(async () => {
  await server.close();
});

const errorOf = (answer: Answer): { code: string; field?: string } =>
  (answer.body as { error: { code: string; field?: string } }).error;

interface AlertBody {
  id: string;
  status: string;
  assignee?: string;
  statusChangedBy?: string;
  techniques: { id: string; name?: string; url?: string }[];
}

describe('alert assignment over HTTP', () => {
  it('assigns with a status change, lists by assignee, and unassigns with null', async () => {
    const { id } = await server.store.alerts.upsert(
      clusterId,
      engineAlert({ id: 'assign-me', mitre: ['T1609', 'MS-TA9006'] })
    );
    const path = `/api/v1/alerts/${encodeURIComponent(id)}`;
    const taken = await call(server, 'PATCH', path, {
      token: server.tokens.operator,
      body: { status: 'in_progress', assignee: 'alice' },
    });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({
      status: 'in_progress',
      assignee: 'alice',
      statusChangedBy: 'token test operator',
      techniques: [
        { id: 'T1609', name: 'Container Administration Command' },
        { id: 'MS-TA9006', name: 'Exec into container' },
      ],
    });
    const hers = await call(server, 'GET', '/api/v1/alerts?assignee=alice', {
      token: server.tokens.reader,
    });
    expect((hers.body as { items: AlertBody[] }).items.map((alert) => alert.id)).toEqual([id]);

    const cleared = await call(server, 'PATCH', path, {
      token: server.tokens.operator,
      body: { assignee: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('assignee');
    expect((cleared.body as AlertBody).status).toBe('in_progress');
    const nobodys = await call(server, 'GET', '/api/v1/alerts?assignee=-', {
      token: server.tokens.reader,
    });
    expect((nobodys.body as { items: AlertBody[] }).items.map((alert) => alert.id)).toContain(id);
  });

  it('refuses an empty assignee, an empty change, a reader, and an unknown alert', async () => {
    const { id } = await server.store.alerts.upsert(clusterId, engineAlert({ id: 'refuse' }));
    const path = `/api/v1/alerts/${encodeURIComponent(id)}`;
    const empty = await call(server, 'PATCH', path, {
      token: server.tokens.operator,
      body: { assignee: '' },
    });
    expect(empty.status).toBe(400);
    expect(errorOf(empty).field).toBe('assignee');
    const nothing = await call(server, 'PATCH', path, { token: server.tokens.operator, body: {} });
    expect(nothing.status).toBe(400);
    const reader = await call(server, 'PATCH', path, {
      token: server.tokens.reader,
      body: { assignee: 'bob' },
    });
    expect(reader.status).toBe(403);
    const unknown = await call(server, 'PATCH', '/api/v1/alerts/nope', {
      token: server.tokens.operator,
      body: { assignee: 'bob' },
    });
    expect(unknown.status).toBe(404);
    expect((await server.store.alerts.get(id)).assignee).toBeUndefined();
  });
});

describe('an alert’s raw events over HTTP', () => {
  it('lists what the pipeline kept, and is a 404 for an unknown alert', async () => {
    const { id } = await server.store.alerts.upsert(clusterId, engineAlert({ id: 'raw' }));
    await server.store.alertEvents.attach([
      { alertId: id, events: [{ auditId: 'a1', event: { auditID: 'a1', verb: 'create' } }] },
    ]);
    const answer = await call(server, 'GET', `/api/v1/alerts/${encodeURIComponent(id)}/events`, {
      token: server.tokens.reader,
    });
    expect(answer.status).toBe(200);
    expect((answer.body as { items: unknown[] }).items).toEqual([
      {
        auditId: 'a1',
        receivedAt: expect.stringMatching(/^\d{4}-/) as unknown,
        event: { auditID: 'a1', verb: 'create' },
      },
    ]);
    const unknown = await call(server, 'GET', '/api/v1/alerts/nope/events', {
      token: server.tokens.reader,
    });
    expect(unknown.status).toBe(404);
  });
});

describe('the alert trend over HTTP', () => {
  it('counts the last days’ new alerts by day and severity, and checks its query', async () => {
    const trendCluster = (await server.store.clusters.add({ name: 'trend', source: 'eks' })).id;
    const today = new Date().toISOString().slice(0, 10);
    const longAgo = '2001-01-01T00:00:00.000Z';
    await server.store.alerts.upsert(
      trendCluster,
      engineAlert({ id: 'today', severity: 'low', firstSeen: new Date().toISOString() })
    );
    await server.store.alerts.upsert(
      trendCluster,
      engineAlert({ id: 'old', firstSeen: longAgo, lastSeen: longAgo })
    );
    const answer = await call(
      server,
      'GET',
      `/api/v1/alerts/trend?days=7&cluster=${trendCluster}`,
      {
        token: server.tokens.reader,
      }
    );
    expect(answer.status).toBe(200);
    const body = answer.body as { from: string; days: { day: string; counts: object }[] };
    expect(body.days).toEqual([{ day: today, counts: { low: 1 } }]);
    for (const days of ['0', '366', 'x']) {
      const bad = await call(server, 'GET', `/api/v1/alerts/trend?days=${days}`, {
        token: server.tokens.reader,
      });
      expect(bad.status).toBe(400);
      expect(errorOf(bad).field).toBe('days');
    }
  });
});

describe('the score history over HTTP', () => {
  it('returns what the scheduler recorded, overall and per cluster', async () => {
    expect(
      await recordScoreHistory(server.store, new Date(Date.now() - 3_600_000))
    ).toBeGreaterThan(1);
    await recordScoreHistory(server.store);
    const overall = await call(server, 'GET', '/api/v1/score/history', {
      token: server.tokens.reader,
    });
    expect(overall.status).toBe(200);
    const now = await call(server, 'GET', '/api/v1/score', { token: server.tokens.reader });
    const points = (overall.body as { points: { at: string; score: number }[] }).points;
    expect(points).toHaveLength(2);
    expect(points.at(-1)?.score).toBe((now.body as { overall: { score: number } }).overall.score);
    const cluster = await call(
      server,
      'GET',
      `/api/v1/score/history?scope=cluster&id=${clusterId}&days=1`,
      { token: server.tokens.reader }
    );
    expect((cluster.body as { id: string; points: unknown[] }).points).toHaveLength(2);
  });

  it('names the field of a bad query', async () => {
    for (const [query, field] of [
      ['scope=cluster', 'id'],
      ['id=abc', 'id'],
      ['scope=planet', 'scope'],
      ['days=999', 'days'],
    ] as const) {
      const bad = await call(server, 'GET', `/api/v1/score/history?${query}`, {
        token: server.tokens.reader,
      });
      expect(bad.status, query).toBe(400);
      expect(errorOf(bad).field, query).toBe(field);
    }
  });
});
