import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent, createEvent, podObject } from '../../../test/harness/audit-events.js';
import type { AuditEvent } from '../../detect/audit/event.js';
import { call, eventually, startTestServer, type Answer, type TestServer } from './test-server.js';

type Role = 'reader' | 'operator' | 'admin';
interface RouteCase {
  method: string;
  path: string;
  role: Role | 'webhook';
}

/** Every route but the probes, with the least role it needs. */
const guarded: RouteCase[] = [
  { method: 'GET', path: '/api/v1/openapi.json', role: 'reader' },
  { method: 'GET', path: '/metrics', role: 'reader' },
  { method: 'POST', path: '/api/v1/tokens', role: 'admin' },
  { method: 'GET', path: '/api/v1/tokens', role: 'admin' },
  { method: 'GET', path: '/api/v1/tokens/current', role: 'reader' },
  { method: 'DELETE', path: '/api/v1/tokens/{id}', role: 'admin' },
  { method: 'POST', path: '/api/v1/clusters', role: 'operator' },
  { method: 'GET', path: '/api/v1/clusters', role: 'reader' },
  { method: 'GET', path: '/api/v1/clusters/{id}', role: 'reader' },
  { method: 'DELETE', path: '/api/v1/clusters/{id}', role: 'admin' },
  { method: 'POST', path: '/api/v1/clusters/{id}/audit-webhook/rotate', role: 'operator' },
  { method: 'POST', path: '/api/v1/clusters/{id}/assess', role: 'operator' },
  { method: 'GET', path: '/api/v1/clusters/{id}/recommendations', role: 'reader' },
  { method: 'GET', path: '/api/v1/clusters/{id}/nodes', role: 'reader' },
  { method: 'GET', path: '/api/v1/clusters/{id}/workloads', role: 'reader' },
  { method: 'GET', path: '/api/v1/clusters/{id}/assessments', role: 'reader' },
  { method: 'GET', path: '/api/v1/recommendations', role: 'reader' },
  { method: 'GET', path: '/api/v1/metering', role: 'reader' },
  { method: 'GET', path: '/api/v1/metering/monthly', role: 'reader' },
  { method: 'GET', path: '/api/v1/inventory/summary', role: 'reader' },
  { method: 'GET', path: '/api/v1/nodes', role: 'reader' },
  { method: 'GET', path: '/api/v1/node-groups', role: 'reader' },
  { method: 'GET', path: '/api/v1/workloads', role: 'reader' },
  { method: 'POST', path: '/api/v1/registries', role: 'operator' },
  { method: 'GET', path: '/api/v1/registries', role: 'reader' },
  { method: 'GET', path: '/api/v1/registries/{id}', role: 'reader' },
  { method: 'DELETE', path: '/api/v1/registries/{id}', role: 'admin' },
  { method: 'GET', path: '/api/v1/alerts', role: 'reader' },
  { method: 'GET', path: '/api/v1/alerts/{id}', role: 'reader' },
  { method: 'GET', path: '/api/v1/alerts/trend', role: 'reader' },
  { method: 'GET', path: '/api/v1/alerts/{id}/events', role: 'reader' },
  { method: 'PATCH', path: '/api/v1/alerts/{id}', role: 'operator' },
  { method: 'GET', path: '/api/v1/score', role: 'reader' },
  { method: 'GET', path: '/api/v1/score/history', role: 'reader' },
  { method: 'GET', path: '/api/v1/clusters/{id}/score', role: 'reader' },
  { method: 'POST', path: '/api/v1/clusters/{id}/audit', role: 'webhook' },
  { method: 'POST', path: '/api/v1/registries/{id}/scan', role: 'operator' },
  { method: 'GET', path: '/api/v1/registries/{id}/repositories', role: 'reader' },
  { method: 'GET', path: '/api/v1/images', role: 'reader' },
  { method: 'GET', path: '/api/v1/images/{id}', role: 'reader' },
  { method: 'GET', path: '/api/v1/images/{id}/findings', role: 'reader' },
  { method: 'GET', path: '/api/v1/images/{id}/scans', role: 'reader' },
  { method: 'POST', path: '/api/v1/images/{id}/scan', role: 'operator' },
  { method: 'GET', path: '/api/v1/findings', role: 'reader' },
  { method: 'GET', path: '/api/v1/images/{id}/sbom', role: 'reader' },
  { method: 'GET', path: '/api/v1/vulnerabilities', role: 'reader' },
  { method: 'GET', path: '/api/v1/vulnerabilities/{id}', role: 'reader' },
  { method: 'POST', path: '/api/v1/suppression-rules', role: 'operator' },
  { method: 'GET', path: '/api/v1/suppression-rules', role: 'reader' },
  { method: 'GET', path: '/api/v1/suppression-rules/{id}', role: 'reader' },
  { method: 'DELETE', path: '/api/v1/suppression-rules/{id}', role: 'operator' },
  { method: 'POST', path: '/api/v1/notification-channels', role: 'admin' },
  { method: 'GET', path: '/api/v1/notification-channels', role: 'admin' },
  { method: 'GET', path: '/api/v1/notification-channels/{id}', role: 'admin' },
  { method: 'PATCH', path: '/api/v1/notification-channels/{id}', role: 'admin' },
  { method: 'DELETE', path: '/api/v1/notification-channels/{id}', role: 'admin' },
  { method: 'POST', path: '/api/v1/notification-channels/{id}/test', role: 'admin' },
  { method: 'POST', path: '/api/v1/exemptions', role: 'operator' },
  { method: 'GET', path: '/api/v1/exemptions', role: 'reader' },
  { method: 'GET', path: '/api/v1/exemptions/{id}', role: 'reader' },
  { method: 'DELETE', path: '/api/v1/exemptions/{id}', role: 'operator' },
  { method: 'GET', path: '/api/v1/compliance', role: 'reader' },
];
const probes = ['GET /healthz', 'GET /readyz'];
const lower: Partial<Record<Role, Role>> = { operator: 'reader', admin: 'operator' };

const concrete = (path: string): string => path.replace('{id}', 'some-id');

function eventList(items: AuditEvent[]): unknown {
  return { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items };
}

function privilegedPodCreate(): AuditEvent {
  return createEvent(
    'pods',
    podObject('debug', 'default', {}, { securityContext: { privileged: true } })
  );
}

function execIntoKubeSystem(): AuditEvent {
  const pod = 'aws-node-7xk2p';
  return auditEvent({
    verb: 'create',
    stage: 'ResponseStarted',
    level: 'Metadata',
    objectRef: {
      resource: 'pods',
      subresource: 'exec',
      namespace: 'kube-system',
      name: pod,
      apiVersion: 'v1',
    },
    requestURI: `/api/v1/namespaces/kube-system/pods/${pod}/exec?command=bash&stdin=true&tty=true`,
    responseStatus: { code: 101 },
  });
}

interface ErrorAnswer {
  error: { code: string; message: string; field?: string };
}
const errorOf = (answer: Answer): ErrorAnswer['error'] => (answer.body as ErrorAnswer).error;

interface AlertItem {
  id: string;
  rule: string;
  status: string;
  dismissReason?: string;
  clusterId: string;
}

interface ScoreAnswer {
  clusterId: string;
  score: number;
  controls: { id: string; max: number; earned: number; unhealthy: number }[];
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function addCluster(
  name: string
): Promise<{ id: string; auditWebhook: { path: string; token: string } }> {
  const answer = await call(server, 'POST', '/api/v1/clusters', {
    token: server.tokens.operator,
    body: { name },
  });
  expect(answer.status).toBe(201);
  return answer.body as { id: string; auditWebhook: { path: string; token: string } };
}

describe("a new user's path", () => {
  it('adds a cluster, feeds its webhook, sees alerts and dismisses one', async () => {
    const { token: admin } = await server.store.tokens.create({
      name: 'first admin',
      role: 'admin',
    });
    const cluster = await call(server, 'POST', '/api/v1/clusters', {
      token: admin,
      body: { name: 'prod' },
    });
    expect(cluster.status).toBe(201);
    const created = cluster.body as {
      id: string;
      name: string;
      auditWebhook: { path: string; token: string };
    };
    expect(created.name).toBe('prod');
    expect(created.auditWebhook.path).toBe(`/api/v1/clusters/${created.id}/audit`);
    expect(created.auditWebhook.token).toMatch(/^palw_/);

    const shown = await call(server, 'GET', `/api/v1/clusters/${created.id}`, { token: admin });
    expect(shown.text).not.toContain(created.auditWebhook.token);

    const batch = eventList([privilegedPodCreate(), execIntoKubeSystem()]);
    const posted = await call(server, 'POST', created.auditWebhook.path, {
      token: created.auditWebhook.token,
      body: batch,
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ accepted: 2, dropped: 0, duplicate: false });
    const again = await call(server, 'POST', created.auditWebhook.path, {
      token: created.auditWebhook.token,
      body: batch,
    });
    expect(again.body).toMatchObject({ duplicate: true });

    const alerts = await eventually(async () => {
      const page = await call(server, 'GET', `/api/v1/alerts?cluster=${created.id}`, {
        token: admin,
      });
      const items = (page.body as { items: AlertItem[] }).items;
      const rules = new Set(items.map((alert) => alert.rule));
      return rules.has('privileged-container') && rules.has('exec-in-kube-system')
        ? items
        : undefined;
    });
    expect(alerts.map((alert) => alert.rule)).toEqual(
      expect.arrayContaining(['exec-in-kube-system', 'privileged-container'])
    );
    const privileged = alerts.find((alert) => alert.rule === 'privileged-container');
    expect(privileged?.status).toBe('new');
    const path = `/api/v1/alerts/${encodeURIComponent(privileged?.id ?? '')}`;
    const scoreOf = async (): Promise<ScoreAnswer> => {
      const answer = await call(server, 'GET', `/api/v1/clusters/${created.id}/score`, {
        token: server.tokens.reader,
      });
      expect(answer.status).toBe(200);
      return answer.body as ScoreAnswer;
    };
    const before = await scoreOf();
    expect(before.controls.find((control) => control.id === 'alerts')).toMatchObject({
      max: 10,
      unhealthy: alerts.length,
    });
    expect(before.score).toBeLessThan(100);

    const noReason = await call(server, 'PATCH', path, {
      token: admin,
      body: { status: 'dismissed' },
    });
    expect(noReason.status).toBe(400);
    expect(errorOf(noReason)).toMatchObject({ code: 'bad_request', field: 'reason' });

    const dismissed = await call(server, 'PATCH', path, {
      token: admin,
      body: { status: 'dismissed', reason: 'debug pod, approved in CHG-1234' },
    });
    expect(dismissed.status).toBe(200);
    const after = await call(server, 'GET', path, { token: server.tokens.reader });
    expect(after.body).toMatchObject({
      status: 'dismissed',
      dismissReason: 'debug pod, approved in CHG-1234',
    });
    // An informational alert weighs nothing; dismissing it leaves the score, not the count.
    expect(await scoreOf()).toMatchObject({ score: before.score });
    const exec = alerts.find((alert) => alert.rule === 'exec-in-kube-system');
    const execPath = `/api/v1/alerts/${encodeURIComponent(exec?.id ?? '')}`;
    const triaged = await call(server, 'PATCH', execPath, {
      token: server.tokens.operator,
      body: { status: 'in_progress' },
    });
    expect(triaged.status).toBe(200);
    expect((await scoreOf()).score).toBe(before.score);
    const resolved = await call(server, 'PATCH', execPath, {
      token: server.tokens.operator,
      body: { status: 'resolved' },
    });
    expect(resolved.status).toBe(200);
    const raised = await scoreOf();
    expect(raised.score).toBeGreaterThan(before.score);
    expect(raised.controls.find((control) => control.id === 'alerts')?.unhealthy).toBe(
      alerts.length - 2
    );
    const overall = await call(server, 'GET', '/api/v1/score', { token: server.tokens.reader });
    expect(
      (overall.body as { clusters: ScoreAnswer[] }).clusters.find(
        (cluster) => cluster.clusterId === created.id
      )?.score
    ).toBe(raised.score);
    const listed = await call(
      server,
      'GET',
      `/api/v1/alerts?cluster=${created.id}&status=dismissed`,
      {
        token: admin,
      }
    );
    expect((listed.body as { items: AlertItem[] }).items.map((alert) => alert.id)).toEqual([
      privileged?.id,
    ]);

    // Page one alert at a time: every alert once, then no `next`.
    const paged: string[] = [];
    let cursor: string | undefined = undefined;
    do {
      const query: string = cursor === undefined ? '' : `&cursor=${cursor}`;
      const page = await call(
        server,
        'GET',
        `/api/v1/alerts?cluster=${created.id}&limit=1${query}`,
        {
          token: admin,
        }
      );
      const body = page.body as { items: AlertItem[]; next?: string };
      expect(body.items).toHaveLength(1);
      paged.push(...body.items.map((alert) => alert.id));
      cursor = body.next;
    } while (cursor !== undefined);
    expect(paged.sort()).toEqual(alerts.map((alert) => alert.id).sort());
  });
});

describe('authentication and roles', () => {
  it('the OpenAPI document lists every route, and only those', async () => {
    const answer = await call(server, 'GET', '/api/v1/openapi.json', {
      token: server.tokens.reader,
    });
    expect(answer.status).toBe(200);
    const document = answer.body as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-palisade-access': string }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const listed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        access: operation['x-palisade-access'],
      }))
    );
    const expected = [
      ...guarded.map((route) => ({ route: `${route.method} ${route.path}`, access: route.role })),
      ...probes.map((route) => ({ route, access: 'public' })),
    ];
    const byRoute = (a: { route: string }, b: { route: string }): number =>
      a.route.localeCompare(b.route);
    expect(listed.sort(byRoute)).toEqual(expected.sort(byRoute));
    const createToken = document.paths['/api/v1/tokens']?.['post'] as unknown as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
    };
    expect(createToken.requestBody.content['application/json'].schema.required).toEqual([
      'name',
      'role',
    ]);
  });

  it('the OpenAPI document describes what every route answers on success', async () => {
    const answer = await call(server, 'GET', '/api/v1/openapi.json', {
      token: server.tokens.reader,
    });
    const document = answer.body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
    };
    const undescribed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => {
          const success = Object.entries(operation.responses).filter(([status]) =>
            status.startsWith('2')
          );
          return !success.some(
            ([status, response]) => status === '204' || response.content !== undefined
          );
        })
        .map(([method]) => `${method.toUpperCase()} ${path}`)
    );
    // Prometheus text is not JSON; everything else has a schema.
    expect(undescribed).toEqual(['GET /metrics']);
  });

  it.each(guarded)('$method $path refuses a missing and a wrong token with 401', async (route) => {
    const missing = await call(server, route.method, concrete(route.path));
    expect(missing.status).toBe(401);
    expect(errorOf(missing).code).toBe('unauthorized');
    const wrong = await call(server, route.method, concrete(route.path), {
      token: 'pal_not-a-real-token',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
  });

  const ranked = guarded.flatMap((route) => {
    const below = route.role === 'webhook' ? undefined : lower[route.role];
    return below === undefined ? [] : [{ ...route, below }];
  });
  it.each(ranked)('$method $path refuses $below (needs $role) with 403', async (route) => {
    const below = route.below;
    const answer = await call(server, route.method, concrete(route.path), {
      token: server.tokens[below],
    });
    expect(answer.status).toBe(403);
    expect(errorOf(answer)).toMatchObject({ code: 'forbidden' });
  });

  it('a revoked token is refused', async () => {
    const made = await call(server, 'POST', '/api/v1/tokens', {
      token: server.tokens.admin,
      body: { name: 'ci', role: 'reader' },
    });
    expect(made.status).toBe(201);
    const { id, token } = made.body as { id: string; token: string };
    expect(token).toMatch(/^pal_/);
    expect((await call(server, 'GET', '/api/v1/clusters', { token })).status).toBe(200);
    const listed = await call(server, 'GET', '/api/v1/tokens', { token: server.tokens.admin });
    expect(listed.text).not.toContain(token);
    expect(listed.text).not.toMatch(/hash/i);
    expect(
      (await call(server, 'DELETE', `/api/v1/tokens/${id}`, { token: server.tokens.admin })).status
    ).toBe(204);
    expect((await call(server, 'GET', '/api/v1/clusters', { token })).status).toBe(401);
  });

  it('the webhook refuses an API token and another cluster’s webhook token', async () => {
    const mine = await addCluster('webhook-a');
    const theirs = await addCluster('webhook-b');
    const body = eventList([privilegedPodCreate()]);
    const api = await call(server, 'POST', mine.auditWebhook.path, {
      token: server.tokens.admin,
      body,
    });
    expect(api.status).toBe(401);
    const other = await call(server, 'POST', mine.auditWebhook.path, {
      token: theirs.auditWebhook.token,
      body,
    });
    expect(other.status).toBe(401);
    const gzip = await call(server, 'POST', mine.auditWebhook.path, {
      token: mine.auditWebhook.token,
      body,
      headers: { 'content-encoding': 'gzip' },
    });
    expect(gzip.status).toBe(415);
    const notAList = await call(server, 'POST', mine.auditWebhook.path, {
      token: mine.auditWebhook.token,
      body: { kind: 'Event', apiVersion: 'audit.k8s.io/v1', items: [] },
    });
    expect(notAList.status).toBe(400);
    expect(errorOf(notAList).field).toBe('kind');
  });

  it('answers 429 with Retry-After once an address failed too often', async () => {
    const limited = await startTestServer({
      failureLimit: { max: 3, windowMs: 60_000 },
      pipeline: false,
    });
    try {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(
          (await call(limited, 'GET', '/api/v1/clusters', { token: 'pal_wrong' })).status
        ).toBe(401);
      }
      const blocked = await call(limited, 'GET', '/api/v1/clusters', {
        token: limited.tokens.admin,
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(errorOf(blocked).code).toBe('too_many_requests');
      expect((await call(limited, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('input and lookups', () => {
  it.each([
    [{ name: 5 }, 'name'],
    [{}, 'name'],
    [{ name: 'x', colour: 'blue' }, 'colour'],
    [{ name: 'x', source: 'azure' }, 'source'],
  ])('POST /clusters %j is a 400 naming %s', async (body, field) => {
    const answer = await call(server, 'POST', '/api/v1/clusters', {
      token: server.tokens.admin,
      body,
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });

  it.each([
    ['POST', '/api/v1/tokens', { name: 'ci' }, 'role'],
    ['POST', '/api/v1/tokens', { name: 'ci', role: 'root' }, 'role'],
    ['POST', '/api/v1/tokens', { name: '', role: 'reader' }, 'name'],
    ['POST', '/api/v1/registries', { name: 'ghcr' }, 'url'],
    ['POST', '/api/v1/registries', { name: 'ghcr', url: 'https://ghcr.io', token: 'x' }, 'token'],
    ['POST', '/api/v1/registries', { name: 'ghcr', url: 7 }, 'url'],
    ['POST', '/api/v1/registries', { name: 'ghcr', url: 'not a url' }, 'url'],
    ['POST', '/api/v1/registries', { name: 'ghcr', url: 'ftp://ghcr.io' }, 'url'],
    ['POST', '/api/v1/registries', { name: 'ghcr', url: 'https://ghcr.io/org' }, 'url'],
    ['PATCH', '/api/v1/alerts/some-id', { status: 'closed' }, 'status'],
    ['PATCH', '/api/v1/alerts/some-id', { reason: 'x' }, 'status'],
  ])('%s %s %j is a 400 naming %s', async (method, path, body, field) => {
    const answer = await call(server, method, path, { token: server.tokens.admin, body });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });

  it('names the field of a bad query and a bad status', async () => {
    const limit = await call(server, 'GET', '/api/v1/alerts?limit=0', {
      token: server.tokens.reader,
    });
    expect(errorOf(limit)).toMatchObject({ code: 'bad_request', field: 'limit' });
    const status = await call(server, 'PATCH', '/api/v1/alerts/x', {
      token: server.tokens.operator,
      body: { status: 'ignored' },
    });
    expect(status.status).toBe(400);
    expect(errorOf(status).field).toBe('status');
    const cursor = await call(server, 'GET', '/api/v1/alerts?cursor=garbage', {
      token: server.tokens.reader,
    });
    expect(cursor.status).toBe(400);
    expect(errorOf(cursor).field).toBe('cursor');
  });

  it.each([
    ['GET', '/api/v1/clusters/nope'],
    ['DELETE', '/api/v1/clusters/nope'],
    ['GET', '/api/v1/registries/nope'],
    ['DELETE', '/api/v1/registries/nope'],
    ['GET', '/api/v1/alerts/nope'],
    ['DELETE', '/api/v1/tokens/nope'],
    ['GET', '/api/v1/nothing-here'],
  ])('%s %s is a 404', async (method, path) => {
    const answer = await call(server, method, path, { token: server.tokens.admin });
    expect(answer.status).toBe(404);
    expect(errorOf(answer).code).toBe('not_found');
  });

  it('PATCH of an unknown alert is a 404', async () => {
    const answer = await call(server, 'PATCH', '/api/v1/alerts/nope', {
      token: server.tokens.operator,
      body: { status: 'resolved' },
    });
    expect(answer.status).toBe(404);
  });

  it('a cluster name taken is a 409 naming name', async () => {
    await addCluster('twice');
    const answer = await call(server, 'POST', '/api/v1/clusters', {
      token: server.tokens.operator,
      body: { name: 'twice' },
    });
    expect(answer.status).toBe(409);
    expect(errorOf(answer)).toMatchObject({ code: 'conflict', field: 'name' });
  });

  it('stores a registry password and never returns it', async () => {
    const password = 'hunter2-very-secret';
    const added = await call(server, 'POST', '/api/v1/registries', {
      token: server.tokens.operator,
      body: { name: 'ghcr', url: 'https://ghcr.io', username: 'bot', password },
    });
    expect(added.status).toBe(201);
    expect(added.text).not.toContain(password);
    const { id } = added.body as { id: string };
    const one = await call(server, 'GET', `/api/v1/registries/${id}`, {
      token: server.tokens.reader,
    });
    expect(one.body).toMatchObject({ name: 'ghcr', username: 'bot', hasSecret: true });
    const all = await call(server, 'GET', '/api/v1/registries', { token: server.tokens.reader });
    expect(all.text).not.toContain(password);
    expect(one.text).not.toContain(password);
    expect((await server.store.registries.get(id)).secret).toBe(password);
    expect(
      (await call(server, 'DELETE', `/api/v1/registries/${id}`, { token: server.tokens.admin }))
        .status
    ).toBe(204);
  });

  it('removes a cluster', async () => {
    const cluster = await addCluster('short-lived');
    expect(
      (
        await call(server, 'DELETE', `/api/v1/clusters/${cluster.id}`, {
          token: server.tokens.admin,
        })
      ).status
    ).toBe(204);
    expect(
      (await call(server, 'GET', `/api/v1/clusters/${cluster.id}`, { token: server.tokens.admin }))
        .status
    ).toBe(404);
  });
});

describe('probes and metrics', () => {
  it('/healthz and /readyz answer without a token', async () => {
    expect((await call(server, 'GET', '/healthz')).status).toBe(200);
    expect((await call(server, 'GET', '/readyz')).body).toEqual({ status: 'ready' });
  });

  it('/readyz answers 503 once the store is gone', async () => {
    const other = await startTestServer({ pipeline: false });
    await other.store.close();
    const answer = await call(other, 'GET', '/readyz');
    expect(answer.status).toBe(503);
    expect(errorOf(answer).code).toBe('internal');
    await other.close();
  });

  it('/metrics counts requests, the audit queue, events received and alerts', async () => {
    await call(server, 'GET', '/healthz');
    const other = await startTestServer({ pipeline: false });
    try {
      const created = await call(other, 'POST', '/api/v1/clusters', {
        token: other.tokens.operator,
        body: { name: 'metered' },
      });
      const webhook = (created.body as { auditWebhook: { path: string; token: string } })
        .auditWebhook;
      const posted = await call(other, 'POST', webhook.path, {
        token: webhook.token,
        body: eventList([privilegedPodCreate(), execIntoKubeSystem()]),
      });
      expect(posted.status).toBe(200);
      const counted = await call(other, 'GET', '/metrics', { token: other.tokens.reader });
      expect(counted.text).toMatch(
        /^palisade_audit_events_received_total\{outcome="accepted"\} 2$/m
      );
      expect(counted.text).toMatch(
        /^palisade_audit_events_received_total\{outcome="dropped"\} 0$/m
      );
    } finally {
      await other.close();
    }
    const answer = await call(server, 'GET', '/metrics', { token: server.tokens.reader });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(answer.text).toMatch(
      /palisade_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/
    );
    expect(answer.text).toMatch(/^palisade_queue_depth_audit_events \d+$/m);
    expect(answer.text).toMatch(/^palisade_queue_depth\{topic="scan"\} \d+$/m);
    expect(answer.text).toMatch(/^palisade_alerts_stored \d+$/m);
    expect(answer.text).toMatch(
      /^palisade_http_request_duration_seconds_count\{method="GET",route="\/healthz"\} [1-9]\d*$/m
    );
    expect(answer.text).toMatch(
      /^palisade_http_request_duration_seconds_bucket\{method="GET",route="\/healthz",le="\+Inf"\} [1-9]\d*$/m
    );
  });

  it('/metrics counts what the store holds by status and severity', async () => {
    const other = await startTestServer({ pipeline: false });
    try {
      const cluster = await other.store.clusters.add({ name: 'metrics', source: 'eks' });
      await other.store.recommendations.apply(cluster.id, {
        at: '2030-01-01T00:00:00.000Z',
        results: ['a', 'b', 'c'].map((name, index) => ({
          check: 'privileged',
          title: 'Privileged container',
          severity: 'high' as const,
          controls: [],
          status: index === 2 ? ('pass' as const) : ('fail' as const),
          resource: { kind: 'Pod', namespace: 'default', name },
          message: 'privileged: true',
        })),
      });
      const answer = await call(other, 'GET', '/metrics', { token: other.tokens.reader });
      expect(answer.text).toMatch(/^palisade_recommendations_failing\{severity="high"\} 2$/m);
      expect(answer.text).toMatch(/^# TYPE palisade_scans gauge$/m);
    } finally {
      await other.close();
    }
  });
});
