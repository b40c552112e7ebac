import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Image } from '../../store/index.js';
import { call, startTestServer, type Answer, type TestServer } from '../test-server.js';

interface ErrorAnswer {
  error: { code: string; message: string; field?: string };
}
const errorOf = (answer: Answer): ErrorAnswer['error'] => (answer.body as ErrorAnswer).error;

let server: TestServer;
let registryId: string;
let images: Image[];

const digest = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`;

beforeAll(async () => {
  server = await startTestServer({ pipeline: false });
  const added = await call(server, 'POST', '/api/v1/registries', {
    token: server.tokens.operator,
    body: { name: 'local', url: 'http://127.0.0.1:5000' },
  });
  expect(added.status).toBe(201);
  registryId = (added.body as { id: string }).id;
  images = [];
  for (const n of [1, 2, 3]) {
    const { image } = await server.store.images.upsert({
      registryId,
      repository: n === 3 ? 'apps/other' : 'apps/web',
      digest: digest(n),
      tags: [`v${n}`],
    });
    images.push(image);
  }
  const [first] = images;
  const scan = await server.store.scans.queue(first!.id, 'added');
  await server.store.scans.start(scan.id, { worker: 'host:1', attempt: 1 });
  await server.store.scans.finish(scan.id, { packageCount: 4, findingCount: 2 });
  const finding = (id: string, severity: 'critical' | 'low') => ({
    vulnerabilityId: id,
    packagePurl: `pkg:apk/alpine/busybox@1.0`,
    packageName: 'busybox',
    packageVersion: '1.0',
    severity,
  });
  await server.store.findings.replace(first!.id, [
    finding('CVE-1', 'critical'),
    finding('CVE-2', 'low'),
    finding('CVE-3', 'low'),
  ]);
  await server.store.findings.replace(first!.id, [
    finding('CVE-1', 'critical'),
    finding('CVE-2', 'low'),
  ]);
});

afterAll(async () => {
  await server.close();
});

describe('images, scans and findings over HTTP', () => {
  it('publishes a discovery when a registry is added and when an operator asks', async () => {
    expect(await server.queue.depth('discover')).toBe(1);
    const asked = await call(server, 'POST', `/api/v1/registries/${registryId}/scan`, {
      token: server.tokens.operator,
    });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ registryId, queued: true });
    expect(await server.queue.depth('discover')).toBe(2);
    const unknown = await call(server, 'POST', '/api/v1/registries/nope/scan', {
      token: server.tokens.operator,
    });
    expect(unknown.status).toBe(404);
  });

  it('lists images with filters, a page at a time', async () => {
    const page = await call(server, 'GET', `/api/v1/images?registry=${registryId}&limit=2`, {
      token: server.tokens.reader,
    });
    expect(page.status).toBe(200);
    const first = page.body as { items: Image[]; next?: string };
    expect(first.items).toHaveLength(2);
    const rest = await call(
      server,
      'GET',
      `/api/v1/images?registry=${registryId}&limit=2&cursor=${first.next ?? ''}`,
      {
        token: server.tokens.reader,
      }
    );
    const second = rest.body as { items: Image[]; next?: string };
    expect(second.next).toBeUndefined();
    expect([...first.items, ...second.items].map((image) => image.id).sort()).toEqual(
      images.map((image) => image.id).sort()
    );
    const web = await call(server, 'GET', '/api/v1/images?repository=apps/web', {
      token: server.tokens.reader,
    });
    expect((web.body as { items: Image[] }).items.map((image) => image.digest).sort()).toEqual([
      digest(1),
      digest(2),
    ]);
  });

  it('shows an image with its open findings per severity and its last scan', async () => {
    const answer = await call(server, 'GET', `/api/v1/images/${images[0]!.id}`, {
      token: server.tokens.reader,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: images[0]!.id,
      tags: ['v1'],
      findings: { critical: 1, high: 0, medium: 0, low: 1, negligible: 0, unknown: 0 },
      lastScan: { status: 'done', worker: 'host:1', attempt: 1, packageCount: 4 },
    });
    const none = await call(server, 'GET', `/api/v1/images/${images[1]!.id}`, {
      token: server.tokens.reader,
    });
    expect(none.body).not.toHaveProperty('lastScan');
  });

  it('reads the findings history per image and across images', async () => {
    const open = await call(server, 'GET', `/api/v1/images/${images[0]!.id}/findings?state=open`, {
      token: server.tokens.reader,
    });
    expect(
      (open.body as { items: { vulnerabilityId: string }[] }).items.map((f) => f.vulnerabilityId)
    ).toEqual(['CVE-1', 'CVE-2']);
    const fixed = await call(
      server,
      'GET',
      `/api/v1/images/${images[0]!.id}/findings?state=fixed`,
      {
        token: server.tokens.reader,
      }
    );
    const history = (
      fixed.body as { items: { vulnerabilityId: string; state: string; fixedAt?: string }[] }
    ).items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ vulnerabilityId: 'CVE-3', state: 'fixed' });
    expect(history[0]?.fixedAt).toBeDefined();
    const critical = await call(server, 'GET', '/api/v1/findings?severity=critical', {
      token: server.tokens.reader,
    });
    expect((critical.body as { items: { imageId: string }[] }).items.map((f) => f.imageId)).toEqual(
      [images[0]!.id]
    );
    const byVulnerability = await call(
      server,
      'GET',
      `/api/v1/findings?vulnerability=CVE-2&image=${images[0]!.id}`,
      {
        token: server.tokens.reader,
      }
    );
    expect((byVulnerability.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('lists scans and queues an on-demand rescan', async () => {
    const queued = await call(server, 'POST', `/api/v1/images/${images[0]!.id}/scan`, {
      token: server.tokens.operator,
    });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({
      imageId: images[0]!.id,
      status: 'queued',
      trigger: 'demand',
      attempt: 0,
    });
    expect(await server.queue.depth('scan')).toBe(1);
    const scans = await call(server, 'GET', `/api/v1/images/${images[0]!.id}/scans`, {
      token: server.tokens.reader,
    });
    expect(
      (scans.body as { items: { trigger: string }[] }).items.map((scan) => scan.trigger)
    ).toEqual(['demand', 'added']);
    const done = await call(server, 'GET', `/api/v1/images/${images[0]!.id}/scans?status=done`, {
      token: server.tokens.reader,
    });
    expect((done.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it.each([
    ['GET', '/api/v1/images/nope'],
    ['GET', '/api/v1/images/nope/findings'],
    ['GET', '/api/v1/images/nope/scans'],
    ['POST', '/api/v1/images/nope/scan'],
  ])('%s %s is a 404', async (method, path) => {
    const answer = await call(server, method, path, { token: server.tokens.admin });
    expect(answer.status).toBe(404);
    expect(errorOf(answer).code).toBe('not_found');
  });

  it.each([
    ['/api/v1/images?limit=0', 'limit'],
    ['/api/v1/images?colour=blue', 'colour'],
    ['/api/v1/images?cursor=garbage', 'cursor'],
    ['/api/v1/findings?severity=dire', 'severity'],
    ['/api/v1/findings?state=gone', 'state'],
    ['/api/v1/findings?limit=9999', 'limit'],
    ['/api/v1/findings?sort=package', 'sort'],
    ['/api/v1/findings?sort=firstSeen&order=up', 'order'],
    ['/api/v1/images/some-id/findings?image=x', 'image'],
    ['/api/v1/images/some-id/scans?status=lost', 'status'],
  ])('GET %s is a 400 naming %s', async (path, field) => {
    const answer = await call(server, 'GET', path, { token: server.tokens.reader });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });

  it.each([
    ['/api/v1/images/some-id/scan', { now: true }, 'now'],
    ['/api/v1/registries/some-id/scan', { deep: true }, 'deep'],
  ])('POST %s with a body %j is a 400 naming %s', async (path, body, field) => {
    const answer = await call(server, 'POST', path, { token: server.tokens.operator, body });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });
});
