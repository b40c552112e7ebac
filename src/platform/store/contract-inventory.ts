import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { engineAlert, randomSuffix, rejectionOf } from './contract-support.js';
import type { InventoryNode, InventoryWorkload } from './repos/inventory.js';
import type { Store } from './store.js';

const at = '2025-03-01T10:00:00.000Z';
const digest = (c: string): string => `sha256:${c.repeat(64)}`;

function node(name: string, overrides: Partial<InventoryNode> = {}): InventoryNode {
  return { name, vcpus: 0, cpuMillicores: 2000, architecture: 'amd64', ...overrides };
}

function workload(namespace: string, name: string, image: string, kind = 'Deployment') {
  return {
    kind,
    namespace,
    name,
    images: [{ container: 'app', image, digests: [] }],
  } satisfies InventoryWorkload;
}

/** Every item of every page of `list`, `limit` at a time. */
async function allPages<T>(
  list: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string }>
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== undefined);
  return { items, pages };
}

/**
 * The inventory across the fleet: node groups, nodes and workloads of every cluster paged and
 * searched, the counts the Inventory page's summary shows, images searched and matched.
 * The store is shared with other suites, so each test names its rows with its own suffix.
 */
export function describeInventoryContract(store: () => Store): void {
  describe('fleet inventory', () => {
    async function twoClusters(suffix: string): Promise<[string, string]> {
      const b = await store().clusters.add({ name: `inv-b-${suffix}`, source: 'eks' });
      const a = await store().clusters.add({ name: `inv-a-${suffix}`, source: 'eks' });
      return [a.id, b.id];
    }

    it('keeps node groups, capacity types and zones, and pages nodes across clusters', async () => {
      const suffix = randomSuffix();
      const [a, b] = await twoClusters(suffix);
      await store().inventory.replaceNodes(
        a,
        [
          node(`n3-${suffix}`, { nodeGroup: 'general', capacityType: 'on-demand', zone: 'z1' }),
          node(`n1-${suffix}`, {
            nodeGroup: 'general',
            capacityType: 'spot',
            zone: 'z2',
            architecture: 'arm64',
            instanceType: 'm7g.large',
          }),
          node(`n2-${suffix}`, { nodeGroup: 'batch_50%', capacityType: 'spot' }),
          node(`n0-${suffix}`, { cpuMillicores: 1500 }),
        ],
        at
      );
      await store().inventory.replaceNodes(b, [node(`n9-${suffix}`, { nodeGroup: 'aa' })], at);

      expect((await store().inventory.nodes(a)).find((n) => n.name === `n1-${suffix}`)).toEqual({
        clusterId: a,
        name: `n1-${suffix}`,
        vcpus: 2,
        cpuMillicores: 2000,
        architecture: 'arm64',
        instanceType: 'm7g.large',
        nodeGroup: 'general',
        capacityType: 'spot',
        zone: 'z2',
        seenAt: at,
      });

      const paged = await allPages((cursor) =>
        store().fleetInventory.fleetNodes({
          search: suffix.toUpperCase(),
          limit: 2,
          ...(cursor !== undefined ? { cursor } : {}),
        })
      );
      // Cluster name, then node group (none first), then name.
      expect(paged.items.map((n) => `${n.clusterName} ${n.nodeGroup ?? '-'} ${n.name}`)).toEqual([
        `inv-a-${suffix} - n0-${suffix}`,
        `inv-a-${suffix} batch_50% n2-${suffix}`,
        `inv-a-${suffix} general n1-${suffix}`,
        `inv-a-${suffix} general n3-${suffix}`,
        `inv-b-${suffix} aa n9-${suffix}`,
      ]);
      expect(paged.pages).toBe(3);

      const names = async (query: Parameters<Store['fleetInventory']['fleetNodes']>[0]) =>
        (await store().fleetInventory.fleetNodes(query)).items.map((n) => n.name);
      expect(await names({ clusterId: a, nodeGroup: 'general' })).toEqual([
        `n1-${suffix}`,
        `n3-${suffix}`,
      ]);
      expect(await names({ clusterId: a, capacityType: 'spot', architecture: 'amd64' })).toEqual([
        `n2-${suffix}`,
      ]);
      // `%` and `_` are literal, not wildcards; the instance type and zone are searched too.
      expect(await names({ clusterId: a, search: '_50%' })).toEqual([`n2-${suffix}`]);
      expect(await names({ clusterId: a, search: 'batc_' })).toEqual([]);
      expect(await names({ clusterId: a, search: 'batch%0' })).toEqual([]);
      expect(await names({ clusterId: a, search: 'M7G' })).toEqual([`n1-${suffix}`]);
      expect(await names({ clusterId: a, search: 'z1' })).toEqual([`n3-${suffix}`]);

      expect(await store().fleetInventory.nodeGroups(a)).toEqual([
        {
          clusterId: a,
          nodes: 1,
          vcpus: 1.5,
          architectures: ['amd64'],
          capacityTypes: [],
          instanceTypes: [],
          zones: [],
        },
        {
          clusterId: a,
          nodeGroup: 'batch_50%',
          nodes: 1,
          vcpus: 2,
          architectures: ['amd64'],
          capacityTypes: ['spot'],
          instanceTypes: [],
          zones: [],
        },
        {
          clusterId: a,
          nodeGroup: 'general',
          nodes: 2,
          vcpus: 4,
          architectures: ['amd64', 'arm64'],
          capacityTypes: ['on-demand', 'spot'],
          instanceTypes: ['m7g.large'],
          zones: ['z1', 'z2'],
        },
      ]);
      const fleetGroups = await store().fleetInventory.nodeGroups();
      expect(fleetGroups.filter((group) => group.clusterId === b)).toEqual([
        expect.objectContaining({ nodeGroup: 'aa', nodes: 1 }),
      ]);
    });

    it('pages and searches workloads across clusters by cluster, namespace, kind and name', async () => {
      const suffix = randomSuffix();
      const [a, b] = await twoClusters(suffix);
      await store().inventory.replaceWorkloads(
        a,
        [
          workload(`shop-${suffix}`, 'web', 'registry.example/shop/web:1.4'),
          workload(`shop-${suffix}`, 'agent', 'registry.example/ops/Agent:2', 'DaemonSet'),
          workload(`pay-${suffix}`, 'ledger', 'registry.example/pay/ledger:3'),
        ],
        at
      );
      await store().inventory.replaceWorkloads(
        b,
        [workload(`shop-${suffix}`, 'web', 'registry.example/shop/web:1.5')],
        at
      );
      const paged = await allPages((cursor) =>
        store().fleetInventory.fleetWorkloads({
          search: suffix,
          limit: 3,
          ...(cursor !== undefined ? { cursor } : {}),
        })
      );
      expect(paged.items.map((w) => `${w.clusterName}/${w.namespace}/${w.kind}/${w.name}`)).toEqual(
        [
          `inv-a-${suffix}/pay-${suffix}/Deployment/ledger`,
          `inv-a-${suffix}/shop-${suffix}/DaemonSet/agent`,
          `inv-a-${suffix}/shop-${suffix}/Deployment/web`,
          `inv-b-${suffix}/shop-${suffix}/Deployment/web`,
        ]
      );
      expect(paged.pages).toBe(2);
      expect(paged.items[3]).toMatchObject({
        clusterId: b,
        images: [{ container: 'app', image: 'registry.example/shop/web:1.5', digests: [] }],
        seenAt: at,
      });
      const names = async (query: Parameters<Store['fleetInventory']['fleetWorkloads']>[0]) =>
        (await store().fleetInventory.fleetWorkloads(query)).items.map(
          (w) => `${w.clusterId === a ? 'a' : 'b'}:${w.name}`
        );
      expect(await names({ namespace: `shop-${suffix}`, kind: 'Deployment' })).toEqual([
        'a:web',
        'b:web',
      ]);
      expect(await names({ clusterId: a, search: 'ops/agent' })).toEqual(['a:agent']);
      expect(await names({ clusterId: b, search: 'ledger' })).toEqual([]);
    });

    it('refuses a malformed cursor, one made for another list, and a bad limit or search', async () => {
      const nodes = await store().fleetInventory.fleetNodes({ limit: 1 });
      for (const promise of [
        store().fleetInventory.fleetNodes({ cursor: 'not-a-cursor' }),
        store().fleetInventory.fleetWorkloads({ cursor: 'not-a-cursor' }),
        ...(nodes.nextCursor !== undefined
          ? [store().fleetInventory.fleetWorkloads({ cursor: nodes.nextCursor })]
          : []),
      ]) {
        const error = await rejectionOf(promise);
        expect(error).toBeInstanceOf(InputError);
        expect(error.message).toMatch(/^cursor: /);
      }
      expect((await rejectionOf(store().fleetInventory.fleetNodes({ limit: 0 }))).message).toMatch(
        /^limit: /
      );
      expect(
        (await rejectionOf(store().fleetInventory.fleetWorkloads({ search: ' ' }))).message
      ).toMatch(/^search: /);
    });

    it('counts each cluster’s nodes, vCPUs, groups, workloads, failing checks and open alerts', async () => {
      const suffix = randomSuffix();
      const [a, b] = await twoClusters(suffix);
      await store().inventory.replaceNodes(
        a,
        [
          node('x', { nodeGroup: 'g1', cpuMillicores: 3500 }),
          node('y', { nodeGroup: 'g2' }),
          node('z'),
        ],
        at
      );
      await store().inventory.replaceWorkloads(a, [workload('ns', 'w', 'img:1')], at);
      const failing = (name: string, status: 'fail' | 'pass') => ({
        check: 'pss-privileged',
        title: 'Privileged',
        severity: 'high' as const,
        controls: [],
        status,
        resource: { kind: 'Pod', namespace: 'ns', name },
        message: status,
      });
      await store().recommendations.apply(a, {
        at,
        results: [failing('p1', 'fail'), failing('p2', 'fail'), failing('p3', 'pass')],
      });
      await store().alerts.record(a, engineAlert({ id: `open-${suffix}` }));
      const done = await store().alerts.record(a, engineAlert({ id: `done-${suffix}` }));
      await store().alerts.setStatus(done.alert.id, 'resolved');

      const counts = await store().fleetInventory.clusterCounts();
      expect(counts.find((row) => row.clusterId === a)).toEqual({
        clusterId: a,
        nodes: 3,
        vcpus: 7.5,
        nodeGroups: 2,
        workloads: 1,
        failingRecommendations: 2,
        openAlerts: 1,
      });
      expect(counts.find((row) => row.clusterId === b)).toEqual({
        clusterId: b,
        nodes: 0,
        vcpus: 0,
        nodeGroups: 0,
        workloads: 0,
        failingRecommendations: 0,
        openAlerts: 0,
      });
    });

    it('counts registries, searches images, and finds the images references may name', async () => {
      const suffix = randomSuffix();
      const registry = await store().registries.add({
        name: `inv-r-${suffix}`,
        url: 'https://registry.example',
      });
      const empty = await store().registries.add({ name: `inv-e-${suffix}`, url: 'r.example' });
      const upsert = (repository: string, c: string, tags: string[]) =>
        store()
          .images.upsert({ registryId: registry.id, repository, digest: digest(c), tags })
          .then(({ image }) => image);
      const web = await upsert(`shop-${suffix}/web`, 'a', ['1.4', 'Latest']);
      const web2 = await upsert(`shop-${suffix}/web`, 'b', ['1.5']);
      const ledger = await upsert(`pay-${suffix}/ledger`, 'c', []);
      const finding = (id: string, severity: 'critical' | 'high' | 'low') => ({
        vulnerabilityId: id,
        packagePurl: `pkg:apk/alpine/zlib@1-${id}`,
        packageName: 'zlib',
        packageVersion: '1',
        severity,
      });
      await store().findings.replace(web.id, [
        finding('CVE-1', 'critical'),
        finding('CVE-2', 'low'),
      ]);
      await store().findings.replace(web2.id, [finding('CVE-3', 'low')]);
      await store().findings.replace(ledger.id, [finding('CVE-4', 'high')]);
      // Fixed: no longer counts.
      await store().findings.replace(ledger.id, []);

      const counts = await store().fleetInventory.registryCounts();
      expect(counts.find((row) => row.registryId === registry.id)).toEqual({
        registryId: registry.id,
        repositories: 2,
        images: 3,
        vulnerableImages: 1,
      });
      expect(counts.find((row) => row.registryId === empty.id)).toEqual({
        registryId: empty.id,
        repositories: 0,
        images: 0,
        vulnerableImages: 0,
      });

      const search = async (text: string) =>
        (await store().images.list({ registryId: registry.id, search: text })).items.map(
          (image) => image.id
        );
      // Both match; two images added in one millisecond have no order of their own to test.
      expect((await search(`SHOP-${suffix}`)).sort()).toEqual([web2.id, web.id].sort());
      expect(await search('latest')).toEqual([web.id]);
      expect(await search('cccc')).toEqual([ledger.id]);

      const candidates = await store().images.candidates({
        digests: [digest('c'), digest('f')],
        repositories: [`shop-${suffix}/web`, `shop-${suffix}/web`],
      });
      expect(candidates.map((image) => image.id)).toEqual([web.id, web2.id, ledger.id].sort());
      expect(candidates.find((image) => image.id === web.id)).toEqual({
        id: web.id,
        registryUrl: 'https://registry.example',
        repository: `shop-${suffix}/web`,
        digest: digest('a'),
        tags: ['1.4', 'Latest'],
      });
      expect(await store().images.candidates({ digests: [], repositories: [] })).toEqual([]);

      const findingCounts = await store().findings.countsOf([web.id, ledger.id, 'unknown']);
      expect(Object.fromEntries(findingCounts)).toEqual({
        [web.id]: { critical: 1, high: 0, medium: 0, low: 1, negligible: 0, unknown: 0 },
        [ledger.id]: { critical: 0, high: 0, medium: 0, low: 0, negligible: 0, unknown: 0 },
        unknown: { critical: 0, high: 0, medium: 0, low: 0, negligible: 0, unknown: 0 },
      });
    });
  });
}
