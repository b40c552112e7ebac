import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type Answer, type TestServer } from './test-server.js';

interface ErrorAnswer {
  error: { code: string; message: string; field?: string };
}
const errorOf = (answer: Answer): ErrorAnswer['error'] => (answer.body as ErrorAnswer).error;

const inlineToken = 'route-inline-token-77aa';
const kubeconfigData = `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: 'https://10.0.0.1:6443' } }]
users: [{ name: u, user: { token: ${inlineToken} } }]
contexts: [{ name: prod, context: { cluster: c, user: u } }]
current-context: prod
`;

let server: TestServer;
let clusterId: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer({ pipeline: false });
  const added = await call(server, 'POST', '/api/v1/clusters', {
    token: server.tokens.operator,
    body: { name: 'posture', config: { kubeconfigData } },
  });
  expect(added.status).toBe(201);
  clusterId = (added.body as { id: string }).id;
  const at = new Date().toISOString();
  await server.store.recommendations.apply(clusterId, {
    at,
    results: [
      {
        check: 'pss-privileged',
        title: 'Containers are not privileged',
        severity: 'high',
        controls: [{ framework: 'pss-baseline', id: 'privileged' }],
        status: 'fail',
        resource: { kind: 'Deployment', namespace: 'shop', name: 'web' },
        message: 'container app: securityContext.privileged is true',
      },
    ],
  });
  await server.store.inventory.replaceNodes(
    clusterId,
    [{ name: 'n1', vcpus: 0, cpuMillicores: 3500 }],
    at
  );
  await server.store.inventory.replaceWorkloads(
    clusterId,
    [
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        images: [{ container: 'app', image: 'web:1', digests: [] }],
      },
    ],
    at
  );
  await server.store.metering.record(clusterId, at, 3.5);
  await server.store.assessments.start({ id: 'run-1', clusterId, attempt: 1, at });
  await server.store.assessments.fail('run-1', at, 'cannot reach the API server');
});
afterAll(async () => {
  await server.close();
});

describe('posture routes', () => {
  it('keeps an inline kubeconfig out of every answer, and queues the first assessment on add', async () => {
    const shown = await call(server, 'GET', `/api/v1/clusters/${clusterId}`, {
      token: server.tokens.reader,
    });
    expect(shown.body).toMatchObject({ config: {}, hasKubeconfigData: true });
    expect(shown.text).not.toContain(inlineToken);
    const listed = await call(server, 'GET', '/api/v1/clusters', { token: server.tokens.reader });
    expect(listed.text).not.toContain(inlineToken);
    const dead = await server.queue.dead('assess');
    expect(dead).toEqual([]);
    expect(await server.queue.depth('assess')).toBeGreaterThan(0);
  });

  it('queues an assessment on demand, once per minute', async () => {
    const first = await call(server, 'POST', `/api/v1/clusters/${clusterId}/assess`, {
      token: server.tokens.operator,
    });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ duplicate: false });
    expect((first.body as { assessment: string }).assessment).toMatch(
      new RegExp(`^assess:${clusterId}:demand:`)
    );
    const again = await call(server, 'POST', `/api/v1/clusters/${clusterId}/assess`, {
      token: server.tokens.operator,
    });
    // The same minute (or, rarely, the next one): never an error.
    expect(again.status).toBe(202);
    const missing = await call(server, 'POST', '/api/v1/clusters/nope/assess', {
      token: server.tokens.operator,
    });
    expect(missing.status).toBe(404);
  });

  it('answers recommendations, nodes, workloads, runs and metering', async () => {
    const reader = { token: server.tokens.reader };
    const all = await call(
      server,
      'GET',
      `/api/v1/recommendations?cluster=${clusterId}&status=fail`,
      reader
    );
    expect(all.status).toBe(200);
    expect((all.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        check: 'pss-privileged',
        status: 'fail',
        resource: { kind: 'Deployment', namespace: 'shop', name: 'web' },
      }),
    ]);
    const mine = await call(
      server,
      'GET',
      `/api/v1/clusters/${clusterId}/recommendations?severity=high`,
      reader
    );
    expect(mine.body).toMatchObject({
      items: [{ check: 'pss-privileged' }],
      counts: { byStatus: { fail: 1, pass: 0 }, failingBySeverity: { high: 1 } },
    });
    const nodes = await call(server, 'GET', `/api/v1/clusters/${clusterId}/nodes`, reader);
    expect(nodes.body).toEqual({
      items: [expect.objectContaining({ name: 'n1', vcpus: 4, cpuMillicores: 3500 })],
      vcpus: 3.5,
    });
    const workloads = await call(
      server,
      'GET',
      `/api/v1/clusters/${clusterId}/workloads?namespace=shop`,
      reader
    );
    expect(workloads.body).toMatchObject({
      items: [{ name: 'web', images: [{ image: 'web:1' }] }],
    });
    const runs = await call(server, 'GET', `/api/v1/clusters/${clusterId}/assessments`, reader);
    expect(runs.body).toMatchObject({
      items: [{ id: 'run-1', status: 'failed', error: 'cannot reach the API server' }],
    });
    const days = await call(
      server,
      'GET',
      `/api/v1/metering?cluster=${clusterId}&from=${today}&to=${today}`,
      reader
    );
    expect(days.body).toEqual({ items: [{ clusterId, day: today, vcores: 3.5 }] });
    const months = await call(
      server,
      'GET',
      `/api/v1/metering/monthly?from=${today}&to=${today}`,
      reader
    );
    expect((months.body as { items: unknown[] }).items).toContainEqual({
      clusterId,
      month: today.slice(0, 7),
      daysMeasured: 1,
      vcoreDays: 3.5,
      averageVcores: 3.5,
    });
  });

  it.each([
    ['GET', '/api/v1/recommendations?status=broken', 'status'],
    ['GET', '/api/v1/recommendations?severity=dire', 'severity'],
    ['GET', '/api/v1/recommendations?limit=0', 'limit'],
    ['GET', '/api/v1/recommendations?limit=many', 'limit'],
    ['GET', '/api/v1/recommendations?cursor=garbage', 'cursor'],
    ['GET', '/api/v1/recommendations?colour=blue', 'colour'],
    ['GET', '/api/v1/clusters/{id}/recommendations?cluster=x', 'cluster'],
    ['GET', '/api/v1/clusters/{id}/workloads?limit=5000', 'limit'],
    ['GET', '/api/v1/clusters/{id}/workloads?cursor=garbage', 'cursor'],
    ['GET', '/api/v1/clusters/{id}/assessments?cursor=garbage', 'cursor'],
    ['GET', '/api/v1/metering?from=2025-01-01', 'to'],
    ['GET', '/api/v1/metering?from=yesterday&to=2025-01-01', 'from'],
    ['GET', '/api/v1/metering?from=2025-02-30&to=2025-03-01', 'from'],
    ['GET', '/api/v1/metering?from=2025-02-01&to=2025-01-01', 'to'],
    ['GET', '/api/v1/metering/monthly?to=2025-01-01', 'from'],
  ])('%s %s is a 400 naming %s', async (method, path, field) => {
    const answer = await call(server, method, path.replace('{id}', clusterId), {
      token: server.tokens.admin,
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });

  it.each([
    [{ name: 'p1', config: { kubeconfig: 'relative' } }, 'config.kubeconfig'],
    [{ name: 'p2', config: { kubeconfig: '/a', kubeconfigData: kubeconfigData } }, 'config'],
    [
      { name: 'p3', config: { kubeconfigData: 'users: [{ name: u, user: { exec: {} } }]' } },
      'config.kubeconfigData',
    ],
    [{ name: 'p4', config: { kubeconfigData, context: 'nope' } }, 'config.context'],
    [{ name: 'p5', config: { server: 'https://x' } }, 'config.server'],
  ])('POST /clusters %j is a 400 naming %s', async (body, field) => {
    const answer = await call(server, 'POST', '/api/v1/clusters', {
      token: server.tokens.operator,
      body,
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });

  it.each([
    '/api/v1/clusters/nope/recommendations',
    '/api/v1/clusters/nope/nodes',
    '/api/v1/clusters/nope/workloads',
    '/api/v1/clusters/nope/assessments',
  ])('GET %s is a 404', async (path) => {
    const answer = await call(server, 'GET', path, { token: server.tokens.reader });
    expect(answer.status).toBe(404);
  });
});
