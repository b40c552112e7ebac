import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestServer, type Answer, type TestServer } from './test-server.js';

interface ErrorAnswer {
  error: { code: string; message: string; field?: string };
}
const errorOf = (answer: Answer): ErrorAnswer['error'] => (answer.body as ErrorAnswer).error;

interface Control {
  id: string;
  earned: number;
  healthy: number;
  unhealthy: number;
  exempted?: number;
}
interface ClusterScore {
  score: number;
  controls: Control[];
}
interface Recommendation {
  id: string;
  resource: { name: string };
  status: string;
  exemption?: { id: string; category: string; reason: string; scope: string };
}
interface ComplianceControl {
  id: string;
  status: string;
  passed: number;
  failed: number;
  exempted: number;
  checks: { id: string; title: string; remediation: string; failed: number; exempted: number }[];
}
interface Compliance {
  clusters: { id: string; name: string; assessedAt?: string }[];
  frameworks: { id: string; title: string; controls: ComplianceControl[] }[];
}

const check = 'pss-privileged';
let server: TestServer;
let clusterId: string;

function failing(name: string) {
  return {
    check,
    title: 'Containers are not privileged',
    severity: 'high' as const,
    controls: [
      { framework: 'pss-baseline' as const, id: 'privileged' },
      { framework: 'cis-eks-1.8.0' as const, id: '4.2.1' },
    ],
    status: 'fail' as const,
    resource: { kind: 'Pod', namespace: 'shop', name },
    message: `container ${name}: securityContext.privileged is true`,
  };
}

beforeAll(async () => {
  server = await startTestServer({ pipeline: false });
  const added = await call(server, 'POST', '/api/v1/clusters', {
    token: server.tokens.operator,
    body: { name: 'exempt', source: 'eks' },
  });
  expect(added.status).toBe(201);
  clusterId = (added.body as { id: string }).id;
  const at = new Date().toISOString();
  await server.store.recommendations.apply(clusterId, {
    at,
    results: [failing('web'), failing('api')],
  });
  // The run the score and the compliance view read: 1 pod passes, 2 fail.
  await server.store.assessments.start({ id: 'run-1', clusterId, attempt: 1, at });
  await server.store.assessments.finish('run-1', {
    at,
    counts: { results: 3, failed: 2, passed: 1, manual: 0, exempted: 0 },
    frameworks: [
      {
        framework: 'pss-baseline',
        controls: [{ id: 'privileged', checks: [check], passed: 1, failed: 2 }],
      },
      { framework: 'cis-eks-1.8.0', controls: [{ id: '4.2.1', checks: [check] }] },
    ],
    checks: [{ check, severity: 'high', passed: 1, failed: 2, manual: 0, exempted: 0 }],
    notes: [],
  });
});
afterAll(async () => {
  await server.close();
});

const reader = () => ({ token: server.tokens.reader });
const score = async (): Promise<ClusterScore> =>
  (await call(server, 'GET', `/api/v1/clusters/${clusterId}/score`, reader())).body as ClusterScore;
const posture = async (): Promise<Control | undefined> =>
  (await score()).controls.find((control) => control.id === `posture:${check}`);
const recommendations = async (query = ''): Promise<Recommendation[]> =>
  (
    (await call(server, 'GET', `/api/v1/clusters/${clusterId}/recommendations?${query}`, reader()))
      .body as { items: Recommendation[] }
  ).items;
const compliance = async (query: string): Promise<Compliance> =>
  (await call(server, 'GET', `/api/v1/compliance?${query}`, reader())).body as Compliance;

describe('exemption routes', () => {
  it('exempts a failing resource: marked on the recommendation, out of the score, counted as exempted', async () => {
    const before = await score();
    expect(await posture()).toMatchObject({ healthy: 1, unhealthy: 2 });
    expect(await posture()).not.toHaveProperty('exempted');
    const refused = await call(server, 'POST', '/api/v1/exemptions', {
      ...reader(),
      body: { check, category: 'mitigated', reason: 'r' },
    });
    expect(refused.status).toBe(403);

    const created = await call(server, 'POST', '/api/v1/exemptions', {
      token: server.tokens.operator,
      body: {
        clusterId,
        check,
        resource: 'Pod/shop/web',
        category: 'mitigated',
        reason: 'isolated by a network policy',
        expiresAt: '2999-12-31',
      },
    });
    expect(created.status).toBe(201);
    const exemption = created.body as { id: string };
    expect(exemption).toMatchObject({
      clusterId,
      check,
      resource: 'Pod/shop/web',
      category: 'mitigated',
      expiresAt: '2999-12-31T00:00:00.000Z',
      createdBy: 'token test operator',
      state: 'active',
    });

    const web = (await recommendations()).find((item) => item.resource.name === 'web');
    expect(web).toMatchObject({
      status: 'fail',
      exemption: { id: exemption.id, category: 'mitigated', scope: 'resource' },
    });
    expect((await recommendations('exempted=true')).map((item) => item.resource.name)).toEqual([
      'web',
    ]);
    expect((await recommendations('exempted=false')).map((item) => item.resource.name)).toEqual([
      'api',
    ]);
    const across = await call(
      server,
      'GET',
      `/api/v1/recommendations?cluster=${clusterId}&exempted=true`,
      reader()
    );
    expect((across.body as { items: Recommendation[] }).items).toHaveLength(1);

    expect(await posture()).toMatchObject({ healthy: 1, unhealthy: 1, exempted: 1 });
    expect((await score()).score).toBeGreaterThan(before.score);

    const view = await compliance(`cluster=${clusterId}&framework=pss-baseline`);
    expect(view.clusters).toEqual([expect.objectContaining({ id: clusterId, name: 'exempt' })]);
    expect(view.frameworks.map((framework) => framework.title)).toEqual([
      'Pod Security Standards: baseline',
    ]);
    expect(view.frameworks[0]?.controls[0]).toMatchObject({
      id: 'privileged',
      status: 'failing',
      passed: 1,
      failed: 1,
      exempted: 1,
      checks: [{ id: check, title: 'Containers are not privileged', failed: 1, exempted: 1 }],
    });
    expect(view.frameworks[0]?.controls[0]?.checks[0]?.remediation).toMatch(
      /securityContext\.privileged/
    );

    // Every failing resource exempted (the whole check): the control earns its full points.
    const whole = await call(server, 'POST', '/api/v1/exemptions', {
      token: server.tokens.operator,
      body: { check, category: 'risk_accepted', reason: 'lab cluster' },
    });
    expect(whole.status).toBe(201);
    expect(whole.body).not.toHaveProperty('clusterId');
    expect(await posture()).toMatchObject({ healthy: 1, unhealthy: 0, exempted: 2, earned: 7 });
    const all = await compliance('framework=cis-eks-1.8.0');
    expect(all.frameworks[0]?.controls[0]).toMatchObject({ id: '4.2.1', status: 'passing' });

    for (const id of [exemption.id, (whole.body as { id: string }).id]) {
      const removed = await call(server, 'DELETE', `/api/v1/exemptions/${id}`, {
        token: server.tokens.operator,
      });
      expect(removed.status).toBe(204);
    }
    expect(await posture()).toMatchObject({ healthy: 1, unhealthy: 2 });
    expect((await score()).score).toBe(before.score);
    expect((await recommendations('exempted=true')).length).toBe(0);
  });

  it('lists an expired exemption as expired and never applies it', async () => {
    const id = randomUUID();
    // Written straight to the table: the API refuses an expiry in the past.
    await server.store.db
      .insertInto('exemptions')
      .values({
        id,
        cluster_id: clusterId,
        check_id: check,
        resource_key: 'Pod/shop/api',
        namespace: null,
        category: 'risk_accepted',
        reason: 'until the last release',
        expires_at: '2020-01-01T00:00:00.000Z',
        created_by: 'token old',
        created_at: '2019-01-01T00:00:00.000Z',
      })
      .execute();
    const one = await call(server, 'GET', `/api/v1/exemptions/${id}`, reader());
    expect(one.body).toMatchObject({ id, state: 'expired' });
    const expired = await call(
      server,
      'GET',
      `/api/v1/exemptions?cluster=${clusterId}&state=expired`,
      reader()
    );
    expect((expired.body as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([
      id,
    ]);
    const active = await call(server, 'GET', `/api/v1/exemptions?state=active`, reader());
    expect((active.body as { items: unknown[] }).items).toEqual([]);
    expect((await recommendations()).every((item) => item.exemption === undefined)).toBe(true);
    expect(await posture()).toMatchObject({ unhealthy: 2 });
    await call(server, 'DELETE', `/api/v1/exemptions/${id}`, { token: server.tokens.operator });
  });

  it('pages the list with limit and cursor', async () => {
    const ids: string[] = [];
    for (const name of ['web', 'api']) {
      const made = await call(server, 'POST', '/api/v1/exemptions', {
        token: server.tokens.operator,
        body: {
          clusterId,
          check,
          resource: `Pod/shop/${name}`,
          category: 'false_positive',
          reason: name,
        },
      });
      ids.push((made.body as { id: string }).id);
    }
    const first = await call(server, 'GET', `/api/v1/exemptions?check=${check}&limit=1`, reader());
    const firstPage = first.body as { items: { id: string }[]; next?: string };
    expect(firstPage.items).toHaveLength(1);
    const second = await call(
      server,
      'GET',
      `/api/v1/exemptions?check=${check}&limit=1&cursor=${firstPage.next ?? ''}`,
      reader()
    );
    const secondPage = second.body as { items: { id: string }[]; next?: string };
    expect([...firstPage.items, ...secondPage.items].map((item) => item.id).sort()).toEqual(
      ids.sort()
    );
    expect(secondPage.next).toBeUndefined();
    for (const id of ids) {
      await call(server, 'DELETE', `/api/v1/exemptions/${id}`, { token: server.tokens.operator });
    }
  });

  it.each([
    [{ category: 'mitigated', reason: 'r' }, 'check'],
    [{ check, reason: 'r' }, 'category'],
    [{ check, category: 'mitigated' }, 'reason'],
    [{ check, category: 'mitigated', reason: '' }, 'reason'],
    [{ check, category: 'mitigated', reason: '   ' }, 'reason'],
    [{ check, category: 'mitigated', reason: 'x'.repeat(2049) }, 'reason'],
    [{ check, category: 'because', reason: 'r' }, 'category'],
    [{ check: 'no-such-check', category: 'mitigated', reason: 'r' }, 'check'],
    [{ check, category: 'mitigated', reason: 'r', clusterId: 'nope' }, 'clusterId'],
    [{ check, category: 'mitigated', reason: 'r', resource: 'web' }, 'resource'],
    [
      { check, category: 'mitigated', reason: 'r', resource: 'Pod/shop/web', namespace: 'shop' },
      'resource',
    ],
    [{ check, category: 'mitigated', reason: 'r', namespace: 'Not_Valid' }, 'namespace'],
    [{ check, category: 'mitigated', reason: 'r', expiresAt: '2001-01-01' }, 'expiresAt'],
    [{ check, category: 'mitigated', reason: 'r', colour: 'red' }, 'colour'],
  ])('POST %j is a 400 naming %s', async (body, field) => {
    const answer = await call(server, 'POST', '/api/v1/exemptions', {
      token: server.tokens.operator,
      body,
    });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });

  it.each([
    ['/api/v1/exemptions?state=stale', 'state'],
    ['/api/v1/exemptions?limit=0', 'limit'],
    ['/api/v1/exemptions?cursor=garbage', 'cursor'],
    ['/api/v1/exemptions?check=Bad%20Check', 'check'],
    ['/api/v1/recommendations?exempted=maybe', 'exempted'],
    ['/api/v1/compliance?framework=iso-27001', 'framework'],
    ['/api/v1/compliance?colour=blue', 'colour'],
  ])('GET %s is a 400 naming %s', async (path, field) => {
    const answer = await call(server, 'GET', path, reader());
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });

  it('answers 404 for an unknown exemption or cluster', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/exemptions/nope'],
      ['DELETE', '/api/v1/exemptions/nope'],
      ['GET', '/api/v1/compliance?cluster=nope'],
    ] as const) {
      const answer = await call(server, method, path, { token: server.tokens.operator });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(errorOf(answer).code).toBe('not_found');
    }
  });
});
