import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeScores, gatherScoreInputs } from '../score/index.js';
import { openStore } from '../store/index.js';
import { seedDemo } from './seed.js';

const root = mkdtempSync(join(tmpdir(), 'palisade-demo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const numbers = ({ score, earned, max }: { score: number; earned: number; max: number }) => ({
  score,
  earned,
  max,
});

describe('seedDemo', () => {
  it('fills an empty store with assessed clusters, alerts and scanned images, once', async () => {
    const store = await openStore(`sqlite:${join(root, 'a', 'palisade.db')}`, { env: {} });
    try {
      const now = new Date('2030-03-15T12:00:00.000Z');
      expect(await seedDemo(store, { now })).toEqual({
        seeded: true,
        clusters: 2,
        alerts: 10,
        images: 5,
      });
      const [prod] = (await store.clusters.list()).filter(
        (cluster) => cluster.name === 'demo-prod'
      );
      expect(prod).toBeDefined();
      const failing = await store.recommendations.list({ clusterId: prod!.id, status: 'fail' });
      expect(failing.items.map((item) => item.check)).toEqual(
        expect.arrayContaining(['pss-privileged', 'pss-host-namespaces'])
      );
      expect((await store.inventory.nodes(prod!.id)).map((node) => node.vcpus)).toEqual(
        Array.from({ length: 6 }, () => 4)
      );
      expect(
        (await store.fleetInventory.nodeGroups(prod!.id)).map(
          ({ nodeGroup, nodes, capacityTypes }) => ({ nodeGroup, nodes, capacityTypes })
        )
      ).toEqual([
        { nodeGroup: 'batch-spot', nodes: 2, capacityTypes: ['spot'] },
        { nodeGroup: 'general', nodes: 4, capacityTypes: ['on-demand'] },
      ]);
      const days = await store.metering.days({
        clusterId: prod!.id,
        from: '2030-02-14',
        to: '2030-03-15',
      });
      expect(days).toHaveLength(30);
      const score = computeScores(await gatherScoreInputs(store));
      const prodScore = score.clusters.find((cluster) => cluster.name === 'demo-prod');
      expect(prodScore?.controls.find((control) => control.id === 'images')).toMatchObject({
        healthy: 0,
        unhealthy: 4,
      });
      expect(prodScore?.controls.find((control) => control.id === 'alerts')?.unhealthy).toBe(5);
      expect(score.accounts.map((account) => account.accountId)).toEqual(['111122223333']);
      expect((await store.findings.list({ severity: 'critical' })).items).toHaveLength(3);
      const history = await store.scoreHistory.list({ scope: 'overall', from: '2030-01-01' });
      expect(history).toHaveLength(30);
      expect(history.at(-1)).toEqual({ at: now.toISOString(), ...numbers(score.overall) });
      expect(history[0]!.score).toBeLessThan(score.overall.score);
      const prodHistory = await store.scoreHistory.list({
        scope: 'cluster',
        scopeId: prod!.id,
        from: '2030-01-01',
      });
      expect(prodHistory.at(-1)?.score).toBe(prodScore?.score);
      const exploited = await store.findings.list({ exploited: true });
      expect(exploited.items.map((finding) => finding.vulnerabilityId)).toEqual(['CVE-2023-44487']);
      const images = (await store.images.list()).items;
      expect(images.every((image) => image.hasSbom)).toBe(true);
      const web = images.find((image) => image.repository === 'shop/web');
      const bom = JSON.parse((await store.images.sbom(web!.id)) ?? '{}') as {
        bomFormat: string;
        metadata: { component: { name: string } };
        components: { purl?: string }[];
      };
      expect(bom.bomFormat).toBe('CycloneDX');
      expect(bom.metadata.component.name).toBe('registry.demo.invalid/shop/web:1.4.2');
      expect(bom.components.map((component) => component.purl)).toContain(
        'pkg:npm/cross-spawn@7.0.3'
      );

      expect(await seedDemo(store, { now })).toEqual({
        seeded: false,
        clusters: 0,
        alerts: 0,
        images: 0,
      });
      expect(await store.clusters.list()).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  it('leaves a store that already has a registry alone', async () => {
    const store = await openStore(`sqlite:${join(root, 'b', 'palisade.db')}`, { env: {} });
    try {
      await store.registries.add({ name: 'real', url: 'https://ghcr.io' });
      expect((await seedDemo(store)).seeded).toBe(false);
      expect(await store.clusters.list()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
