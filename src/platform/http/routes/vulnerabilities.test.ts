import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Image, NewFinding } from '../../store/index.js';
import { call, startTestServer, type Answer, type TestServer } from '../test-server.js';

interface ErrorAnswer {
  error: { code: string; message: string; field?: string };
}
const errorOf = (answer: Answer): ErrorAnswer['error'] => (answer.body as ErrorAnswer).error;

interface Summary {
  id: string;
  severity: string;
  images: number;
  findings: number;
  workloads: number;
  fixable: boolean;
  knownExploited?: { dateAdded: string; ransomware: boolean };
}
interface Detail extends Summary {
  affected: {
    imageId: string;
    repository: string;
    package: { name: string };
    fixedVersion?: string;
  }[];
  running: {
    cluster: string;
    namespace: string;
    kind: string;
    name: string;
    container: string;
    imageId: string;
  }[];
}

let server: TestServer;
let images: Image[];
const digest = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`;
const sbom = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  components: [],
});

const finding = (id: string, name: string, extra: Partial<NewFinding> = {}): NewFinding => ({
  vulnerabilityId: id,
  packagePurl: `pkg:npm/${name}@1.0.0`,
  packageName: name,
  packageVersion: '1.0.0',
  severity: 'high',
  ...extra,
});

const get = (path: string, token = server.tokens.reader): Promise<Answer> =>
  call(server, 'GET', path, { token });

beforeAll(async () => {
  server = await startTestServer({ pipeline: false });
  const added = await call(server, 'POST', '/api/v1/registries', {
    token: server.tokens.operator,
    body: { name: 'local', url: 'http://127.0.0.1:5000' },
  });
  const registryId = (added.body as { id: string }).id;
  images = [];
  for (const [n, repository] of [
    [1, 'shop/web'],
    [2, 'shop/cart'],
    [3, 'shop/ledger'],
  ] as const) {
    const { image } = await server.store.images.upsert({
      registryId,
      repository,
      digest: digest(n),
      tags: ['1.0'],
    });
    images.push(image);
  }
  const [web, cart, ledger] = images as [Image, Image, Image];
  const kev = { dateAdded: '2023-10-10', ransomware: false };
  await server.store.findings.replace(web.id, [
    finding('CVE-2023-44487', 'nghttp2', { knownExploited: kev, fixedVersion: '1.0.1' }),
    finding('CVE-2024-0001', 'ws', { severity: 'critical' }),
  ]);
  await server.store.findings.replace(cart.id, [
    finding('CVE-2023-44487', 'nghttp2', { knownExploited: kev }),
  ]);
  await server.store.findings.replace(ledger.id, [
    finding('CVE-2024-0002', 'stdlib', { severity: 'low' }),
  ]);
  await server.store.images.setSbom(web.id, sbom, '2025-01-01T00:00:00.000Z');

  const cluster = await server.store.clusters.add({
    name: 'prod',
    source: 'kubeconfig-context',
    config: {},
  });
  await server.store.inventory.replaceWorkloads(
    cluster.id,
    [
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        images: [
          { container: 'web', image: '127.0.0.1:5000/shop/web:1.0', digests: [] },
          { container: 'sidecar', image: 'busybox:1.36', digests: [] },
        ],
      },
      {
        // Named by another tag, but its pods run the cart's digest.
        kind: 'StatefulSet',
        namespace: 'shop',
        name: 'cart',
        images: [
          { container: 'cart', image: '127.0.0.1:5000/shop/cart:next', digests: [digest(2)] },
        ],
      },
      {
        kind: 'Deployment',
        namespace: 'other',
        name: 'old-web',
        images: [{ container: 'web', image: '127.0.0.1:5000/shop/web:0.9', digests: [] }],
      },
    ],
    '2025-01-01T00:00:00.000Z'
  );
});

afterAll(async () => {
  await server.close();
});

describe('vulnerabilities by CVE over HTTP', () => {
  it('lists open vulnerabilities worst first with images, running workloads, fix and exploitation', async () => {
    const answer = await get('/api/v1/vulnerabilities');

    expect(answer.status).toBe(200);
    const { items, next } = answer.body as { items: Summary[]; next?: string };
    expect(next).toBeUndefined();
    expect(
      items.map((item) => {
        const { firstSeen, title, ...rest } = item as Summary & {
          firstSeen: string;
          title?: string;
        };
        expect(firstSeen).toMatch(/^\d{4}-/);
        expect(title).toBeUndefined();
        return rest;
      })
    ).toEqual([
      {
        id: 'CVE-2024-0001',
        severity: 'critical',
        images: 1,
        findings: 1,
        workloads: 1,
        fixable: false,
      },
      {
        id: 'CVE-2023-44487',
        severity: 'high',
        images: 2,
        findings: 2,
        workloads: 2,
        fixable: true,
        knownExploited: { dateAdded: '2023-10-10', ransomware: false },
      },
      {
        id: 'CVE-2024-0002',
        severity: 'low',
        images: 1,
        findings: 1,
        workloads: 0,
        fixable: false,
      },
    ]);
  });

  it('filters by exploitation, fix, severity and search, sorts by images, and pages', async () => {
    const ids = async (query: string) =>
      ((await get(`/api/v1/vulnerabilities?${query}`)).body as { items: Summary[] }).items.map(
        ({ id }) => id
      );

    expect(await ids('exploited=true')).toEqual(['CVE-2023-44487']);
    expect(await ids('exploited=false&fixable=false')).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
    expect(await ids('fixable=true')).toEqual(['CVE-2023-44487']);
    expect(await ids('severity=low')).toEqual(['CVE-2024-0002']);
    expect(await ids('search=stdlib')).toEqual(['CVE-2024-0002']);
    expect(await ids('search=cve-2024')).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
    expect(await ids('sort=images')).toEqual(['CVE-2023-44487', 'CVE-2024-0002', 'CVE-2024-0001']);

    const first = (await get('/api/v1/vulnerabilities?limit=2')).body as {
      items: Summary[];
      next: string;
    };
    expect(first.items).toHaveLength(2);
    const second = (await get(`/api/v1/vulnerabilities?limit=2&cursor=${first.next}`)).body as {
      items: Summary[];
      next?: string;
    };
    expect(second.items.map(({ id }) => id)).toEqual(['CVE-2024-0002']);
    expect(second.next).toBeUndefined();
  });

  it.each([
    ['/api/v1/vulnerabilities?severity=bad', 'severity'],
    ['/api/v1/vulnerabilities?fixable=yes', 'fixable'],
    ['/api/v1/vulnerabilities?exploited=1', 'exploited'],
    ['/api/v1/vulnerabilities?sort=name', 'sort'],
    ['/api/v1/vulnerabilities?limit=lots', 'limit'],
    ['/api/v1/vulnerabilities?search=', 'search'],
    ['/api/v1/vulnerabilities?cursor=nonsense', 'cursor'],
    ['/api/v1/vulnerabilities?colour=red', 'colour'],
    ['/api/v1/findings?exploited=maybe', 'exploited'],
  ])('GET %s is a 400 naming %s', async (path, field) => {
    const answer = await get(path);
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });

  it('shows a CVE’s images with package and fix, and the workloads running them', async () => {
    const [web, cart] = images as [Image, Image];
    const answer = await get('/api/v1/vulnerabilities/CVE-2023-44487');

    expect(answer.status).toBe(200);
    const detail = answer.body as Detail;
    expect(detail).toMatchObject({ id: 'CVE-2023-44487', images: 2, workloads: 2, fixable: true });
    expect(
      detail.affected.map((row) => [row.repository, row.package.name, row.fixedVersion ?? '-'])
    ).toEqual([
      ['shop/cart', 'nghttp2', '-'],
      ['shop/web', 'nghttp2', '1.0.1'],
    ]);
    expect(detail.running).toEqual(
      [
        expect.objectContaining({
          cluster: 'prod',
          namespace: 'shop',
          kind: 'StatefulSet',
          name: 'cart',
          container: 'cart',
          imageId: cart.id,
        }),
        expect.objectContaining({
          cluster: 'prod',
          namespace: 'shop',
          kind: 'Deployment',
          name: 'web',
          container: 'web',
          imageId: web.id,
        }),
      ].sort((a, b) => (a === b ? 0 : 0))
    );
    expect(detail.running).toHaveLength(2);
  });

  it('is a 404 for a vulnerability with no open finding, and a 401 without a token', async () => {
    const missing = await get('/api/v1/vulnerabilities/CVE-1999-0001');
    expect(missing.status).toBe(404);
    expect(errorOf(missing).message).toContain('CVE-1999-0001');
    expect((await call(server, 'GET', '/api/v1/vulnerabilities')).status).toBe(401);
  });
});

describe('SBOM download', () => {
  it('sends the stored CycloneDX JSON as an attachment with a safe name', async () => {
    const [web] = images as [Image];
    const answer = await get(`/api/v1/images/${web.id}/sbom`);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/vnd\.cyclonedx\+json(;|$)/);
    expect(answer.headers.get('content-disposition')).toBe(
      `attachment; filename="shop-web-${'0'.repeat(12)}.cdx.json"`
    );
    expect(answer.text).toBe(sbom);
  });

  it('is a 404 for an image never scanned and for an unknown image; a 401 without a token', async () => {
    const [, cart] = images as [Image, Image];
    const unscanned = await get(`/api/v1/images/${cart.id}/sbom`);
    expect(unscanned.status).toBe(404);
    expect(errorOf(unscanned).message).toContain('no SBOM');
    expect((await get('/api/v1/images/nope/sbom')).status).toBe(404);
    expect((await call(server, 'GET', `/api/v1/images/${cart.id}/sbom`)).status).toBe(401);
  });
});
