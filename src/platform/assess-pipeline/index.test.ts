import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startKubeApiDouble,
  type KubeApiDouble,
  type StoredObject,
} from '../../../test/harness/kube-api-double.js';
import { eventually } from '../http/test-server.js';
import { openQueue, type Queue } from '../queue/index.js';
import { openStore, type AssessmentRun, type Store } from '../store/index.js';
import {
  enqueueAssessments,
  parseAssessJob,
  publishAssessment,
  startAssessPipeline,
  type AssessPipeline,
} from './index.js';

const token = 'assess-pipeline-token-8d2c';
const digest = `sha256:${'c'.repeat(64)}`;

function deployment(name: string, container: Record<string, unknown>, spec = {}): StoredObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: `${name}:1.0`, ...container }], ...spec },
      },
    },
  };
}

function node(name: string, cpu: string, labels: Record<string, string> = {}): StoredObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    status: { capacity: { cpu } },
  };
}

const webPod: StoredObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    namespace: 'shop',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }],
  },
  spec: { containers: [{ name: 'app', image: 'web:1.0' }] },
  status: { containerStatuses: [{ name: 'app', imageID: `docker.io/library/web@${digest}` }] },
};

const before: StoredObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  deployment('web', { securityContext: { privileged: true } }),
  webPod,
  node('node-a', '2'),
  node('node-b', '3500m', {
    'karpenter.sh/nodepool': 'batch',
    'karpenter.sh/capacity-type': 'spot',
    'topology.kubernetes.io/zone': 'eu-west-1c',
  }),
];

let dir: string;
let store: Store;
let queue: Queue;
let pipeline: AssessPipeline;
let double: KubeApiDouble;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-assess-'));
  store = await openStore(`sqlite:${join(dir, 'palisade.db')}`, {
    env: { PALISADE_SECRET_KEY: randomBytes(32).toString('base64') },
  });
  queue = await openQueue('memory:', { retryDelayMs: 10, dedupWindowMs: 1 });
  double = await startKubeApiDouble({ objects: before, token });
  pipeline = startAssessPipeline({ store, queue, env: {}, timeoutMs: 5_000 });
  await pipeline.ready;
});

afterAll(async () => {
  await pipeline.close();
  await queue.close();
  await store.close();
  await double.stop();
  await rm(dir, { recursive: true, force: true });
});

async function addCluster(name: string, kubeconfigData: string): Promise<string> {
  const cluster = await store.clusters.add({
    name,
    source: 'kubeconfig-context',
    config: { kubeconfigData },
  });
  return cluster.id;
}

/** Waits for the run of `id` to finish and returns it. */
async function finished(id: string): Promise<AssessmentRun> {
  return await eventually(async () => {
    const run = await store.assessments.get(id).catch(() => undefined);
    return run !== undefined && run.status !== 'running' ? run : undefined;
  });
}

async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}

describe('the assess pipeline', () => {
  it('stores recommendations, nodes, workloads and metering; a fix resolves one, a new fault opens one', async () => {
    const clusterId = await addCluster('prod', double.kubeconfig());
    const first = await publishAssessment(queue, clusterId, 'add');
    const run = await finished(first.id);
    expect(run).toMatchObject({ status: 'succeeded', nodes: 2, vcores: 5.5, workloads: 1 });
    expect(run.counts.failed).toBeGreaterThan(0);
    expect(run.counts.results).toBe(
      run.counts.failed + run.counts.passed + run.counts.manual + run.counts.exempted
    );
    expect(run.frameworks.length).toBeGreaterThan(0);

    const privileged = await store.recommendations.list({ clusterId, check: 'pss-privileged' });
    expect(privileged.items).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'high',
        resource: { kind: 'Deployment', namespace: 'shop', name: 'web' },
        controls: expect.arrayContaining([{ framework: 'cis-eks-1.8.0', id: '4.2.1' }]) as unknown,
      }),
    ]);
    expect(await store.inventory.nodes(clusterId)).toEqual([
      expect.objectContaining({ name: 'node-a', vcpus: 2, cpuMillicores: 2000 }),
      expect.objectContaining({
        name: 'node-b',
        vcpus: 4,
        cpuMillicores: 3500,
        nodeGroup: 'batch',
        capacityType: 'spot',
        zone: 'eu-west-1c',
      }),
    ]);
    expect((await store.inventory.nodes(clusterId))[0]).not.toHaveProperty('nodeGroup');
    expect((await store.inventory.workloads(clusterId)).items).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        images: [{ container: 'app', image: 'web:1.0', digests: [digest] }],
      }),
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await store.metering.days({ clusterId, from: today, to: today })).toEqual([
      { clusterId, day: today, vcores: 5.5 },
    ]);
    expect((await store.clusters.get(clusterId)).lastAssessedAt).toBeDefined();

    // The privileged container is fixed, a new deployment shares the node's network.
    double.replaceObjects([
      ...before.filter((object) => object.kind !== 'Deployment'),
      deployment('web', {}),
      deployment('api', {}, { hostNetwork: true }),
    ]);
    const second = await publishAssessment(queue, clusterId, 'demand');
    expect((await finished(second.id)).status).toBe('succeeded');
    const fixed = await store.recommendations.get(privileged.items[0]?.id ?? '');
    expect(fixed).toMatchObject({ status: 'pass', resolvedAt: expect.any(String) as unknown });
    const opened = await store.recommendations.list({
      clusterId,
      check: 'pss-host-namespaces',
      status: 'fail',
    });
    expect(opened.items.map((rec) => rec.resource.name)).toEqual(['api']);
    expect((await store.assessments.list(clusterId)).items.map((item) => item.id)).toEqual([
      second.id,
      first.id,
    ]);
  });

  it('a redelivered job rewrites its own run and changes no recommendation', async () => {
    const clusterId = await addCluster('again', double.kubeconfig());
    const job = await publishAssessment(queue, clusterId, 'schedule');
    await finished(job.id);
    const once = (await store.recommendations.list({ clusterId, limit: 500 })).items;
    const succeeded = pipeline.stats.succeeded;
    // The queue's dedup window (1 ms here) has passed: the same id is queued again.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const twice = await queue.publish('assess', { clusterId }, { id: job.id });
    expect(twice.duplicate).toBe(false);
    await eventually(async () =>
      pipeline.stats.succeeded === succeeded + 1 && (await queue.depth('assess')) === 0
        ? true
        : undefined
    );
    expect((await store.assessments.get(job.id)).status).toBe('succeeded');
    const after = (await store.recommendations.list({ clusterId, limit: 500 })).items;
    expect(after.map((rec) => [rec.id, rec.status, rec.firstSeen])).toEqual(
      once.map((rec) => [rec.id, rec.status, rec.firstSeen])
    );
    expect((await store.assessments.list(clusterId)).items).toHaveLength(1);
  });

  it('records an unreachable cluster and refused credentials as failed runs, and goes on', async () => {
    const port = await closedPort();
    const down = await addCluster(
      'down',
      double.kubeconfig({ server: `https://127.0.0.1:${port}` })
    );
    const refused = await addCluster('refused', double.kubeconfig({ token: 'revoked-token' }));
    const downRun = await finished((await publishAssessment(queue, down, 'add')).id);
    expect(downRun.status).toBe('failed');
    expect(downRun.error).toMatch(/cannot reach the API server https:\/\/127\.0\.0\.1:\d+/);
    const refusedRun = await finished((await publishAssessment(queue, refused, 'add')).id);
    expect(refusedRun.status).toBe('failed');
    expect(refusedRun.error).toMatch(/refused the credentials \(401 Unauthorized\)/);
    expect(JSON.stringify(refusedRun)).not.toContain('revoked-token');
    expect((await store.recommendations.list({ clusterId: refused })).items).toEqual([]);
    expect(await store.inventory.nodes(down)).toEqual([]);
    expect((await store.clusters.get(down)).lastAssessedAt).toBeUndefined();
    // The worker is still there.
    const healthy = await addCluster('healthy', double.kubeconfig());
    expect((await finished((await publishAssessment(queue, healthy, 'add')).id)).status).toBe(
      'succeeded'
    );
  });

  it('queues one job per cluster for the scheduler, deduplicated within the window', async () => {
    const local = await openQueue('memory:');
    try {
      const clusters = (await store.clusters.list()).length;
      const at = new Date('2025-03-01T10:00:30Z');
      expect(await enqueueAssessments(store, local, at)).toBe(clusters);
      expect(await enqueueAssessments(store, local, at)).toBe(0);
      expect(await local.depth('assess')).toBe(clusters);
    } finally {
      await local.close();
    }
  });

  it('drops a malformed job and one for a removed cluster', async () => {
    expect(parseAssessJob({ clusterId: '' })).toBeUndefined();
    expect(parseAssessJob('x')).toBeUndefined();
    expect(parseAssessJob({ clusterId: 'c' })).toEqual({ clusterId: 'c' });
    await queue.publish('assess', { cluster: 'x' });
    await queue.publish('assess', { clusterId: 'removed' });
    await eventually(async () => ((await queue.depth('assess')) === 0 ? true : undefined));
    expect(await queue.dead('assess')).toEqual([]);
  });
});
