import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineAlert } from '../store/contract-support.js';
import { call, startTestServer, type Answer, type TestServer } from './test-server.js';

interface ErrorAnswer {
  error: { code: string; message: string; field?: string };
}
const errorOf = (answer: Answer): ErrorAnswer['error'] => (answer.body as ErrorAnswer).error;
const digest = (c: string): string => `sha256:${c.repeat(64)}`;
const at = '2025-03-01T10:00:00.000Z';

let server: TestServer;
let prod = '';
let lab = '';
let images: { web: string; webOld: string; agent: string } = { web: '', webOld: '', agent: '' };

beforeAll(async () => {
  server = await startTestServer({ pipeline: false });
  const { store } = server;
  prod = (
    await store.clusters.add({
      name: 'prod',
      source: 'eks',
      config: { accountId: '111122223333', region: 'eu-west-1' },
    })
  ).id;
  lab = (await store.clusters.add({ name: 'lab', source: 'kubeconfig-context', config: {} })).id;
  await store.inventory.replaceNodes(
    prod,
    [
      {
        name: 'ip-1',
        vcpus: 0,
        cpuMillicores: 4000,
        architecture: 'arm64',
        nodeGroup: 'general',
        capacityType: 'on-demand',
        zone: 'eu-west-1a',
        instanceType: 'm7g.xlarge',
      },
      { name: 'ip-2', vcpus: 0, cpuMillicores: 2000, nodeGroup: 'spot', capacityType: 'spot' },
      { name: 'ip-3', vcpus: 0, cpuMillicores: 2000, nodeGroup: 'general' },
    ],
    at
  );
  await store.inventory.replaceNodes(lab, [{ name: 'kind-1', vcpus: 0, cpuMillicores: 1000 }], at);
  await store.inventory.replaceWorkloads(
    prod,
    [
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        images: [{ container: 'web', image: 'registry.example/shop/web:1.4', digests: [] }],
      },
      {
        kind: 'DaemonSet',
        namespace: 'ops',
        name: 'agent',
        // Its tag names no stored image; the digest its pod runs does.
        images: [{ container: 'agent', image: 'mirror.example/agent:9', digests: [digest('c')] }],
      },
    ],
    at
  );
  await store.inventory.replaceWorkloads(
    lab,
    [
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        images: [{ container: 'web', image: 'nginx:1.27', digests: [] }],
      },
    ],
    at
  );
  const registry = await store.registries.add({ name: 'ours', url: 'https://registry.example' });
  await store.registries.add({ name: 'empty', url: 'https://empty.example' });
  const upsert = async (repository: string, c: string, tags: string[]) =>
    (await store.images.upsert({ registryId: registry.id, repository, digest: digest(c), tags }))
      .image.id;
  images = {
    web: await upsert('shop/web', 'a', ['1.4']),
    webOld: await upsert('shop/web', 'b', ['1.3']),
    agent: await upsert('ops/agent', 'c', ['9.0']),
  };
  const finding = (id: string, severity: 'critical' | 'high' | 'low') => ({
    vulnerabilityId: id,
    packagePurl: `pkg:deb/debian/openssl@3-${id}`,
    packageName: 'openssl',
    packageVersion: '3',
    severity,
  });
  await store.findings.replace(images.web, [
    finding('CVE-1', 'critical'),
    finding('CVE-2', 'high'),
    finding('CVE-3', 'low'),
  ]);
  await store.findings.replace(images.agent, [finding('CVE-4', 'high')]);
  await store.recommendations.apply(prod, {
    at,
    results: [
      {
        check: 'pss-privileged',
        title: 'Privileged',
        severity: 'high',
        controls: [],
        status: 'fail',
        resource: { kind: 'DaemonSet', namespace: 'ops', name: 'agent' },
        message: 'privileged',
      },
    ],
  });
  await store.alerts.record(prod, engineAlert({ id: 'a1' }));
});

afterAll(async () => {
  await server.close();
});

const reader = () => ({ token: server.tokens.reader });

describe('inventory routes', () => {
  it('summarises accounts, clusters and registries with their counts', async () => {
    const answer = await call(server, 'GET', '/api/v1/inventory/summary', reader());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accounts: [
        {
          accountId: '111122223333',
          clusters: [
            {
              id: prod,
              name: 'prod',
              source: 'eks',
              accountId: '111122223333',
              region: 'eu-west-1',
              nodes: 3,
              vcpus: 8,
              nodeGroups: 2,
              workloads: 2,
              failingRecommendations: 1,
              openAlerts: 1,
            },
          ],
        },
        {
          clusters: [
            {
              id: lab,
              name: 'lab',
              source: 'kubeconfig-context',
              nodes: 1,
              vcpus: 1,
              nodeGroups: 0,
              workloads: 1,
              failingRecommendations: 0,
              openAlerts: 0,
            },
          ],
        },
      ],
      registries: [
        expect.objectContaining({ name: 'empty', repositories: 0, images: 0, vulnerableImages: 0 }),
        expect.objectContaining({
          name: 'ours',
          url: 'https://registry.example',
          repositories: 2,
          images: 3,
          vulnerableImages: 2,
        }),
      ],
      totals: { clusters: 2, nodes: 4, vcpus: 9, workloads: 3, registries: 2, images: 3 },
    });
  });

  it('lists nodes across clusters, filtered, searched and paged, with their groups', async () => {
    const all = await call(server, 'GET', '/api/v1/nodes?limit=2', reader());
    expect(all.status).toBe(200);
    const first = all.body as { items: { name: string; clusterName: string }[]; next: string };
    expect(first.items.map((node) => `${node.clusterName}/${node.name}`)).toEqual([
      'lab/kind-1',
      'prod/ip-1',
    ]);
    const rest = await call(
      server,
      'GET',
      `/api/v1/nodes?limit=2&cursor=${encodeURIComponent(first.next)}`,
      reader()
    );
    expect((rest.body as { items: { name: string }[] }).items.map((node) => node.name)).toEqual([
      'ip-3',
      'ip-2',
    ]);
    const general = await call(
      server,
      'GET',
      `/api/v1/nodes?cluster=${prod}&nodeGroup=general&architecture=arm64`,
      reader()
    );
    expect((general.body as { items: unknown[] }).items).toEqual([
      {
        clusterId: prod,
        clusterName: 'prod',
        name: 'ip-1',
        vcpus: 4,
        cpuMillicores: 4000,
        architecture: 'arm64',
        instanceType: 'm7g.xlarge',
        nodeGroup: 'general',
        capacityType: 'on-demand',
        zone: 'eu-west-1a',
        seenAt: at,
      },
    ]);
    const searched = await call(server, 'GET', '/api/v1/nodes?search=SPOT', reader());
    expect((searched.body as { items: { name: string }[] }).items.map((n) => n.name)).toEqual([
      'ip-2',
    ]);
    const perCluster = await call(server, 'GET', `/api/v1/clusters/${prod}/nodes`, reader());
    expect((perCluster.body as { items: unknown[] }).items).toContainEqual(
      expect.objectContaining({ name: 'ip-2', nodeGroup: 'spot', capacityType: 'spot' })
    );
  });

  it('summarises node groups per cluster', async () => {
    const answer = await call(server, 'GET', `/api/v1/node-groups?cluster=${prod}`, reader());
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      items: [
        {
          clusterId: prod,
          nodeGroup: 'general',
          nodes: 2,
          vcpus: 6,
          architectures: ['arm64'],
          capacityTypes: ['on-demand'],
          instanceTypes: ['m7g.xlarge'],
          zones: ['eu-west-1a'],
        },
        {
          clusterId: prod,
          nodeGroup: 'spot',
          nodes: 1,
          vcpus: 2,
          architectures: [],
          capacityTypes: ['spot'],
          instanceTypes: [],
          zones: [],
        },
      ],
    });
    const fleet = await call(server, 'GET', '/api/v1/node-groups', reader());
    expect((fleet.body as { items: unknown[] }).items).toContainEqual(
      expect.objectContaining({ clusterId: lab, nodes: 1, vcpus: 1 })
    );
  });

  it('lists workloads across clusters with the images they run and their open findings', async () => {
    const answer = await call(server, 'GET', '/api/v1/workloads', reader());
    expect(answer.status).toBe(200);
    const items = (answer.body as { items: Record<string, unknown>[] }).items;
    expect(items.map((w) => `${String(w['clusterName'])}/${String(w['name'])}`)).toEqual([
      'lab/web',
      'prod/agent',
      'prod/web',
    ]);
    expect(items[0]).toMatchObject({ findings: { critical: 0, high: 0 } });
    expect(items[1]).toMatchObject({
      kind: 'DaemonSet',
      images: [
        {
          container: 'agent',
          scanned: [{ id: images.agent, repository: 'ops/agent', findings: { high: 1 } }],
        },
      ],
      findings: { critical: 0, high: 1 },
    });
    expect(items[2]).toEqual({
      clusterId: prod,
      clusterName: 'prod',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      seenAt: at,
      images: [
        {
          container: 'web',
          image: 'registry.example/shop/web:1.4',
          digests: [],
          scanned: [
            {
              id: images.web,
              repository: 'shop/web',
              digest: digest('a'),
              tags: ['1.4'],
              findings: { critical: 1, high: 1, medium: 0, low: 1, negligible: 0, unknown: 0 },
            },
          ],
        },
      ],
      findings: { critical: 1, high: 1 },
    });
    const filtered = await call(
      server,
      'GET',
      `/api/v1/workloads?cluster=${prod}&namespace=shop&kind=Deployment&search=WEB`,
      reader()
    );
    expect((filtered.body as { items: { name: string }[] }).items.map((w) => w.name)).toEqual([
      'web',
    ]);
    const paged = await call(server, 'GET', '/api/v1/workloads?limit=1', reader());
    expect((paged.body as { next?: string }).next).toEqual(expect.any(String));
  });

  it('searches images and counts each one’s open findings', async () => {
    const answer = await call(server, 'GET', '/api/v1/images?search=SHOP/', reader());
    expect(answer.status).toBe(200);
    const items = (answer.body as { items: { id: string; findings: Record<string, number> }[] })
      .items;
    expect(items.map((image) => image.id).sort()).toEqual([images.web, images.webOld].sort());
    expect(items.find((image) => image.id === images.web)?.findings).toMatchObject({
      critical: 1,
      high: 1,
      low: 1,
    });
    const tagged = await call(server, 'GET', '/api/v1/images?search=1.3', reader());
    expect((tagged.body as { items: { id: string }[] }).items.map((image) => image.id)).toEqual([
      images.webOld,
    ]);
  });

  it.each([
    ['/api/v1/nodes?limit=0', 'limit'],
    ['/api/v1/nodes?cursor=nonsense', 'cursor'],
    ['/api/v1/nodes?search=%20%20', 'search'],
    ['/api/v1/nodes?colour=blue', 'colour'],
    [`/api/v1/nodes?search=${'x'.repeat(201)}`, 'search'],
    ['/api/v1/workloads?limit=9999', 'limit'],
    ['/api/v1/workloads?kind=', 'kind'],
    ['/api/v1/workloads?cursor=nonsense', 'cursor'],
    ['/api/v1/node-groups?cluster=', 'cluster'],
    ['/api/v1/images?search=', 'search'],
  ])('refuses %s with a 400 naming %s', async (path, field) => {
    const answer = await call(server, 'GET', path, reader());
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ code: 'bad_request', field });
  });

  it('refuses a node cursor on the workload list, and callers without a token', async () => {
    const nodes = await call(server, 'GET', '/api/v1/nodes?limit=1', reader());
    const next = (nodes.body as { next: string }).next;
    const crossed = await call(
      server,
      'GET',
      `/api/v1/workloads?cursor=${encodeURIComponent(next)}`,
      reader()
    );
    expect(crossed.status).toBe(400);
    expect(errorOf(crossed).field).toBe('cursor');
    for (const path of ['/api/v1/inventory/summary', '/api/v1/nodes', '/api/v1/workloads']) {
      expect((await call(server, 'GET', path)).status).toBe(401);
    }
  });
});
