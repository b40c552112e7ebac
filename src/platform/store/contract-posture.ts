import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError, UsageError } from '../../core/errors.js';
import { randomSuffix, rejectionOf, type OpenStore } from './contract-support.js';
import type { RecommendationResult } from './repos/recommendation-row.js';
import type { Store } from './store.js';

const inlineToken = 'inline-token-Very-Secret-31f';
const inlineKubeconfig = `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: 'https://10.0.0.1:6443', certificate-authority-data: LS0t } }]
users: [{ name: u, user: { token: ${inlineToken} } }]
contexts: [{ name: prod, context: { cluster: c, user: u } }]
current-context: prod
`;

function result(
  check: string,
  name: string,
  status: RecommendationResult['status'],
  overrides: Partial<RecommendationResult> = {}
): RecommendationResult {
  return {
    check,
    title: `title of ${check}`,
    severity: 'high',
    controls: [{ framework: 'cis-eks-1.8.0', id: '4.2.1' }],
    status,
    resource: { kind: 'Pod', namespace: 'shop', name },
    message: `${check} on ${name}: ${status}`,
    ...overrides,
  };
}

async function cluster(store: Store): Promise<string> {
  return (await store.clusters.add({ name: `p-${randomSuffix()}`, source: 'eks' })).id;
}

const t = (n: number): string => new Date(Date.UTC(2025, 0, 1, n)).toISOString();

/** Cluster configs, recommendations with their lifecycle, inventory, metering, assessment runs. */
export function describePostureContract(store: () => Store, open: OpenStore): void {
  describe('cluster configs', () => {
    it.each([
      [{ kubeconfig: 'relative/config' }, 'config.kubeconfig'],
      [{ kubeconfig: '' }, 'config.kubeconfig'],
      [{ context: 5 }, 'config.context'],
      [{ colour: 'blue' }, 'config.colour'],
      [{ kubeconfig: '/k', kubeconfigData: inlineKubeconfig }, 'config'],
      [
        { kubeconfigData: 'users: [{ name: u, user: { exec: { command: sh } } }]' },
        'config.kubeconfigData',
      ],
      [{ kubeconfigData: inlineKubeconfig, context: 'staging' }, 'config.context'],
      [{ kubeconfigData: inlineKubeconfig.replace('current-context: prod', '') }, 'config.context'],
    ])('refuses %j naming %s', async (config, field) => {
      const error = await rejectionOf(
        store().clusters.add({ name: `c-${randomSuffix()}`, source: 'kubeconfig-context', config })
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    });

    it('takes a path and context, or nothing (the worker’s own kubeconfig)', async () => {
      const byPath = await store().clusters.add({
        name: `p-${randomSuffix()}`,
        source: 'kubeconfig-context',
        config: { kubeconfig: '/etc/palisade/kubeconfig', context: 'prod' },
      });
      expect(byPath).toMatchObject({
        config: { kubeconfig: '/etc/palisade/kubeconfig', context: 'prod' },
        hasKubeconfigData: false,
      });
      expect(byPath).not.toHaveProperty('lastAssessedAt');
      const plain = await store().clusters.add({
        name: `d-${randomSuffix()}`,
        source: 'kubeconfig-context',
      });
      expect(await store().clusters.connection(plain.id)).toEqual({ cluster: plain });
      await store().clusters.markAssessed(plain.id, t(3));
      expect((await store().clusters.get(plain.id)).lastAssessedAt).toBe(t(3));
    });

    it('seals an inline kubeconfig, never returns it but to connection, and needs the key', async () => {
      const added = await store().clusters.add({
        name: `i-${randomSuffix()}`,
        source: 'kubeconfig-context',
        config: { kubeconfigData: inlineKubeconfig },
      });
      expect(added).toMatchObject({ config: {}, hasKubeconfigData: true });
      expect(JSON.stringify(await store().clusters.list())).not.toContain(inlineToken);
      const row = await store()
        .db.selectFrom('clusters')
        .selectAll()
        .where('id', '=', added.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(inlineToken);
      expect(row.kubeconfig_ciphertext).toMatch(/^[A-Za-z0-9+/]+=*$/);
      const connection = await store().clusters.connection(added.id);
      expect(connection.kubeconfigData).toBe(inlineKubeconfig);
      expect(connection.cluster).toEqual(added);

      const keyless = await open({ env: {} });
      try {
        expect(await rejectionOf(keyless.clusters.connection(added.id))).toBeInstanceOf(UsageError);
        const refused = await rejectionOf(
          keyless.clusters.add({
            name: `k-${randomSuffix()}`,
            source: 'kubeconfig-context',
            config: { kubeconfigData: inlineKubeconfig },
          })
        );
        expect(refused).toBeInstanceOf(UsageError);
        expect(refused.message).toContain('PALISADE_SECRET_KEY');
      } finally {
        await keyless.close();
      }
    });
  });

  describe('recommendations', () => {
    it('opens, keeps, resolves, and reopens, one assessment at a time', async () => {
      const id = await cluster(store());
      const recs = store().recommendations;
      const first = await recs.apply(id, {
        at: t(1),
        results: [
          result('pss-privileged', 'web', 'fail'),
          // Two verdicts of one check on one resource fold into the worse.
          result('pss-host-ports', 'web', 'pass'),
          result('pss-host-ports', 'web', 'fail', { message: 'container app: hostPort 80' }),
          result('pss-privileged', 'db', 'fail'),
          result('pss-privileged', 'cache', 'pass'),
          result('cis-manual', 'cluster', 'manual', {
            resource: { kind: 'Cluster', name: 'cluster' },
          }),
        ],
      });
      expect(first).toEqual({ opened: 3, reopened: 0, resolved: 0, failing: 3 });
      const listed = (await recs.list({ clusterId: id, limit: 500 })).items;
      expect(listed.map((rec) => `${rec.check} ${rec.resource.name} ${rec.status}`).sort()).toEqual(
        [
          'cis-manual cluster manual',
          'pss-host-ports web fail',
          'pss-privileged db fail',
          'pss-privileged web fail',
        ]
      );
      const web = listed.find(
        (rec) => rec.check === 'pss-privileged' && rec.resource.name === 'web'
      );
      expect(web).toMatchObject({
        clusterId: id,
        title: 'title of pss-privileged',
        severity: 'high',
        controls: [{ framework: 'cis-eks-1.8.0', id: '4.2.1' }],
        resource: { kind: 'Pod', namespace: 'shop', name: 'web' },
        firstSeen: t(1),
        lastSeen: t(1),
        reopenCount: 0,
      });
      expect(await recs.get(web?.id ?? '')).toEqual(web);

      // web still fails, db passes now, cache starts failing, the manual one is gone.
      const second = await recs.apply(id, {
        at: t(2),
        results: [
          result('pss-privileged', 'web', 'fail'),
          result('pss-host-ports', 'web', 'fail'),
          result('pss-privileged', 'db', 'pass'),
          result('pss-privileged', 'cache', 'fail'),
        ],
      });
      expect(second).toEqual({ opened: 1, reopened: 0, resolved: 1, failing: 3 });
      const db = (await recs.list({ clusterId: id, check: 'pss-privileged', status: 'pass' }))
        .items;
      expect(db.map((rec) => [rec.resource.name, rec.resolvedAt, rec.firstSeen])).toEqual([
        ['db', t(2), t(1)],
      ]);
      expect((await recs.get(web?.id ?? '')).lastSeen).toBe(t(2));

      // Pods could not be listed: web and cache are absent, not gone; db fails again: reopened.
      const third = await recs.apply(id, {
        at: t(3),
        results: [result('pss-privileged', 'db', 'fail')],
        incompleteKinds: ['Pod'],
      });
      expect(third).toEqual({ opened: 0, reopened: 1, resolved: 0, failing: 4 });
      const reopened = await recs.get(db[0]?.id ?? '');
      expect(reopened).toMatchObject({
        status: 'fail',
        reopenedAt: t(3),
        reopenCount: 1,
        firstSeen: t(1),
      });
      expect(reopened).not.toHaveProperty('resolvedAt');
      expect((await recs.get(web?.id ?? '')).status).toBe('fail');

      // Everything read, nothing failing: all resolved; the same again changes no state.
      for (const at of [t(4), t(5)]) {
        await recs.apply(id, { at, results: [] });
        const counts = await recs.counts(id);
        expect(counts.byStatus).toEqual({ fail: 0, manual: 0, exempted: 0, pass: 5 });
      }
      expect((await recs.get(web?.id ?? '')).resolvedAt).toBe(t(4));
    });

    it('filters by cluster, status, severity and check, pages worst first, and counts', async () => {
      const id = await cluster(store());
      const other = await cluster(store());
      const severities = ['critical', 'high', 'medium', 'low'] as const;
      await store().recommendations.apply(id, {
        at: t(1),
        results: Array.from({ length: 12 }, (_, index) =>
          result(`check-${index % 3}`, `pod-${index}`, index === 11 ? 'exempted' : 'fail', {
            severity: severities[index % 4] ?? 'low',
          })
        ),
      });
      await store().recommendations.apply(other, {
        at: t(1),
        results: [result('check-0', 'x', 'fail')],
      });
      const seen: string[] = [];
      let cursor: string | undefined;
      let ranks: number[] = [];
      do {
        const page = await store().recommendations.list({
          clusterId: id,
          limit: 5,
          ...(cursor !== undefined ? { cursor } : {}),
        });
        seen.push(...page.items.map((rec) => rec.id));
        ranks = [...ranks, ...page.items.map((rec) => severities.indexOf(rec.severity as 'low'))];
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      const critical = await store().recommendations.list({ clusterId: id, severity: 'critical' });
      expect(critical.items).toHaveLength(3);
      const check = await store().recommendations.list({
        clusterId: id,
        check: 'check-1',
        status: 'fail',
      });
      expect(check.items.map((rec) => rec.resource.name).sort()).toEqual([
        'pod-1',
        'pod-10',
        'pod-4',
        'pod-7',
      ]);
      const everywhere = await store().recommendations.list({ check: 'check-0', limit: 500 });
      expect(new Set(everywhere.items.map((rec) => rec.clusterId))).toEqual(new Set([id, other]));
      expect(await store().recommendations.counts(id)).toEqual({
        byStatus: { fail: 11, manual: 0, exempted: 1, pass: 0 },
        failingBySeverity: { critical: 3, high: 3, medium: 3, low: 2, negligible: 0, unknown: 0 },
      });
      const bad = await rejectionOf(store().recommendations.list({ cursor: 'garbage' }));
      expect(bad.message).toMatch(/^cursor: /);
      expect((await rejectionOf(store().recommendations.list({ limit: 0 }))).message).toMatch(
        /^limit: /
      );
    });

    it('refuses an unknown cluster and names a bad result’s field', async () => {
      const missing = await rejectionOf(
        store().recommendations.apply('nope', { at: t(1), results: [result('c', 'x', 'fail')] })
      );
      expect(missing).toBeInstanceOf(NotFoundError);
      const id = await cluster(store());
      const bad = await rejectionOf(
        store().recommendations.apply(id, {
          at: t(1),
          results: [result('c', 'x', 'fail', { severity: 'dire' as 'high' })],
        })
      );
      expect(bad.message).toMatch(/^severity: /);
      expect(await rejectionOf(store().recommendations.get('nope'))).toBeInstanceOf(NotFoundError);
    });
  });

  describe('inventory', () => {
    it('replaces a cluster’s nodes and workloads whole, and pages workloads', async () => {
      const id = await cluster(store());
      await store().inventory.replaceNodes(
        id,
        [{ name: 'old', vcpus: 0, cpuMillicores: 1000 }],
        t(1)
      );
      await store().inventory.replaceNodes(
        id,
        [
          {
            name: 'b',
            vcpus: 0,
            cpuMillicores: 3500,
            architecture: 'arm64',
            instanceType: 'm7g.xlarge',
          },
          { name: 'a', vcpus: 0, cpuMillicores: 2000 },
          { name: 'c', vcpus: 0, problem: 'node c: no status.capacity.cpu' },
        ],
        t(2)
      );
      expect(await store().inventory.nodes(id)).toEqual([
        { clusterId: id, name: 'a', vcpus: 2, cpuMillicores: 2000, seenAt: t(2) },
        {
          clusterId: id,
          name: 'b',
          vcpus: 4,
          cpuMillicores: 3500,
          architecture: 'arm64',
          instanceType: 'm7g.xlarge',
          seenAt: t(2),
        },
        {
          clusterId: id,
          name: 'c',
          vcpus: 0,
          problem: 'node c: no status.capacity.cpu',
          seenAt: t(2),
        },
      ]);
      const workloads = Array.from({ length: 7 }, (_, index) => ({
        kind: index % 2 === 0 ? 'Deployment' : 'DaemonSet',
        namespace: index < 4 ? 'a' : 'b',
        name: `w${index}`,
        images: [
          { container: 'app', image: `img:${index}`, digests: [`sha256:${'a'.repeat(64)}`] },
        ],
      }));
      await store().inventory.replaceWorkloads(id, workloads, t(2));
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store().inventory.workloads(id, {
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        names.push(...page.items.map((item) => `${item.namespace}/${item.kind}/${item.name}`));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(names).toEqual([
        'a/DaemonSet/w1',
        'a/DaemonSet/w3',
        'a/Deployment/w0',
        'a/Deployment/w2',
        'b/DaemonSet/w5',
        'b/Deployment/w4',
        'b/Deployment/w6',
      ]);
      const first = (await store().inventory.workloads(id, { namespace: 'b', limit: 1 })).items[0];
      expect(first?.images).toEqual(workloads[5]?.images);
      await store().inventory.replaceWorkloads(id, [], t(3));
      expect((await store().inventory.workloads(id)).items).toEqual([]);
      expect(
        await rejectionOf(store().inventory.replaceNodes('nope', [{ name: 'n', vcpus: 0 }], t(1)))
      ).toBeInstanceOf(NotFoundError);
    });
  });

  describe('metering', () => {
    it('keeps each day’s largest total, and sums months into vCore-days', async () => {
      const id = await cluster(store());
      await store().metering.record(id, '2025-01-30T08:00:00.000Z', 8);
      await store().metering.record(id, '2025-01-30T12:00:00.000Z', 12.5);
      await store().metering.record(id, '2025-01-30T18:00:00.000Z', 4);
      await store().metering.record(id, '2025-01-31T09:00:00.000Z', 10);
      await store().metering.record(id, '2025-02-01T09:00:00.000Z', 6);
      const days = await store().metering.days({
        clusterId: id,
        from: '2025-01-30',
        to: '2025-02-01',
      });
      expect(days.map((day) => [day.day, day.vcores])).toEqual([
        ['2025-01-30', 12.5],
        ['2025-01-31', 10],
        ['2025-02-01', 6],
      ]);
      expect(
        await store().metering.months({ clusterId: id, from: '2025-01-15', to: '2025-02-03' })
      ).toEqual([
        { clusterId: id, month: '2025-01', daysMeasured: 2, vcoreDays: 22.5, averageVcores: 11.25 },
        { clusterId: id, month: '2025-02', daysMeasured: 1, vcoreDays: 6, averageVcores: 6 },
      ]);
    });

    it('names the field of a bad range or value', async () => {
      const id = await cluster(store());
      const cases: [Promise<unknown>, string][] = [
        [store().metering.days({ from: '2025-02-30', to: '2025-03-01' }), 'from'],
        [store().metering.days({ from: '2025-01-02', to: '2025-01-01' }), 'to'],
        [store().metering.days({ from: '2024-01-01', to: '2025-06-01' }), 'to'],
        [store().metering.record(id, 'yesterday', 1), 'at'],
        [store().metering.record(id, t(1), -1), 'vcores'],
      ];
      for (const [promise, field] of cases) {
        const error = await rejectionOf(promise);
        expect(error).toBeInstanceOf(InputError);
        expect(error.message.startsWith(`${field}: `)).toBe(true);
      }
      expect(await rejectionOf(store().metering.record('nope', t(1), 1))).toBeInstanceOf(
        NotFoundError
      );
    });
  });

  describe('assessment runs', () => {
    it('records runs, rewrites a redelivered one, and lists newest first', async () => {
      const id = await cluster(store());
      const runs = store().assessments;
      await runs.start({ id: `assess:${id}:1`, clusterId: id, attempt: 1, at: t(1) });
      await runs.fail(`assess:${id}:1`, t(1), 'cannot reach the API server https://10.0.0.1');
      await runs.start({ id: `assess:${id}:2`, clusterId: id, attempt: 1, at: t(2) });
      // Redelivered: the same job starts its run over.
      await runs.start({ id: `assess:${id}:2`, clusterId: id, attempt: 2, at: t(3) });
      await runs.finish(`assess:${id}:2`, {
        at: t(4),
        counts: { results: 10, failed: 3, passed: 6, manual: 1, exempted: 0 },
        nodes: 2,
        vcores: 5.5,
        workloads: 4,
        frameworks: [{ framework: 'pss-baseline', score: 50, controls: [] }],
        checks: [
          {
            check: 'privileged',
            severity: 'critical',
            passed: 6,
            failed: 3,
            manual: 1,
            exempted: 0,
          },
        ],
        notes: ['cannot list secrets: forbidden'],
      });
      const page = await runs.list(id, { limit: 1 });
      expect(page.items).toEqual([
        {
          id: `assess:${id}:2`,
          clusterId: id,
          status: 'succeeded',
          startedAt: t(3),
          finishedAt: t(4),
          attempt: 2,
          counts: { results: 10, failed: 3, passed: 6, manual: 1, exempted: 0 },
          nodes: 2,
          vcores: 5.5,
          workloads: 4,
          frameworks: [{ framework: 'pss-baseline', score: 50, controls: [] }],
          checks: [
            {
              check: 'privileged',
              severity: 'critical',
              passed: 6,
              failed: 3,
              manual: 1,
              exempted: 0,
            },
          ],
          notes: ['cannot list secrets: forbidden'],
        },
      ]);
      const next = await runs.list(id, { cursor: page.nextCursor ?? '' });
      expect(next.items.map((run) => [run.status, run.error])).toEqual([
        ['failed', 'cannot reach the API server https://10.0.0.1'],
      ]);
      expect(next.nextCursor).toBeUndefined();
      expect(await rejectionOf(runs.fail('nope', t(1), 'x'))).toBeInstanceOf(NotFoundError);
      expect(
        await rejectionOf(runs.start({ id: 'x', clusterId: 'nope', attempt: 1, at: t(1) }))
      ).toBeInstanceOf(NotFoundError);
    });

    it('gives each cluster’s latest successful run, not a later failed or running one', async () => {
      const runs = store().assessments;
      const [a, b, never] = [
        await cluster(store()),
        await cluster(store()),
        await cluster(store()),
      ];
      const finished = (at: string, failed: number) => ({
        at,
        counts: { results: failed, failed, passed: 0, manual: 0, exempted: 0 },
        frameworks: [],
        checks: [
          { check: 'privileged', severity: 'high', passed: 0, failed, manual: 0, exempted: 0 },
        ],
        notes: [],
      });
      await runs.start({ id: `${a}:1`, clusterId: a, attempt: 1, at: t(1) });
      await runs.finish(`${a}:1`, finished(t(2), 5));
      await runs.start({ id: `${a}:2`, clusterId: a, attempt: 1, at: t(3) });
      await runs.finish(`${a}:2`, finished(t(4), 2));
      await runs.start({ id: `${a}:3`, clusterId: a, attempt: 1, at: t(5) });
      await runs.fail(`${a}:3`, t(6), 'timed out');
      await runs.start({ id: `${a}:4`, clusterId: a, attempt: 1, at: t(7) });
      await runs.start({ id: `${b}:1`, clusterId: b, attempt: 1, at: t(1) });
      await runs.finish(`${b}:1`, finished(t(2), 1));

      const latest = (await runs.latestSucceeded()).filter((run) =>
        [a, b, never].includes(run.clusterId)
      );
      expect(latest.map((run) => [run.clusterId, run.id, run.checks[0]?.failed]).sort()).toEqual(
        [
          [a, `${a}:2`, 2],
          [b, `${b}:1`, 1],
        ].sort()
      );
      expect((await runs.latestSucceeded(a)).map((run) => run.id)).toEqual([`${a}:2`]);
      expect(await runs.latestSucceeded(never)).toEqual([]);
    });
  });
}
