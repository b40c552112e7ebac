import { silentLogger, type Logger } from '../../core/logger.js';
import { toolVersion } from '../../core/version.js';
import { eksDefaultExceptions, snapshotOf } from '../../posture/index.js';
import { assessAndStore } from '../assess-pipeline/run.js';
import type { Store } from '../store/index.js';
import { demoAlertsFor } from './alerts.js';
import { demoImages, purlOf } from './images.js';
import { demoSbom } from './sbom.js';
import { demoNodes, demoObjects, demoRegistryHost } from './objects.js';
import { seedScoreHistory } from './score-history.js';

export interface DemoSummary {
  /** False when the store already held the demo (or anything else): nothing was written. */
  seeded: boolean;
  clusters: number;
  alerts: number;
  images: number;
}

const dayMs = 24 * 60 * 60 * 1000;
const demoClusters = [
  { name: 'demo-prod', environment: 'prod', nodes: 6, cpu: 4 },
  { name: 'demo-staging', environment: 'staging', nodes: 2, cpu: 2 },
] as const;

/**
 * Fills an empty store with a demo: two EKS clusters assessed by the real posture engine from
 * demo objects (recommendations, nodes, workloads, a month of metering), alerts dressed as the
 * detection engine raises them, a registry of scanned images with findings, and a month of
 * score history ending at the seeded data's real score. Everything is
 * named `demo…` and points at `.invalid` hosts. A store that already has a cluster or a
 * registry is left alone, so a real installation never gets demo data mixed in.
 */
export async function seedDemo(
  store: Store,
  options: { now?: Date; logger?: Logger } = {}
): Promise<DemoSummary> {
  const now = options.now ?? new Date();
  const logger = options.logger ?? silentLogger;
  const [clusters, registries] = await Promise.all([
    store.clusters.list(),
    store.registries.list(),
  ]);
  if (clusters.length > 0 || registries.length > 0) {
    return { seeded: false, clusters: 0, alerts: 0, images: 0 };
  }
  let alerts = 0;
  for (const demo of demoClusters) {
    const cluster = await store.clusters.add({
      name: demo.name,
      source: 'eks',
      config: {
        accountId: '111122223333',
        region: 'eu-west-1',
        arn: `arn:aws:eks:eu-west-1:111122223333:cluster/${demo.name}`,
      },
    });
    const nodes = demoNodes(demo.nodes, demo.cpu);
    const runId = `demo:${cluster.id}`;
    await store.assessments.start({
      id: runId,
      clusterId: cluster.id,
      attempt: 1,
      at: now.toISOString(),
    });
    await assessAndStore(
      store,
      runId,
      { cluster },
      {
        read: () =>
          Promise.resolve({
            snapshot: snapshotOf(
              `demo: ${demo.name}`,
              demoObjects(demo.environment).map((object) => ({ object }))
            ),
            nodes,
            incompleteKinds: [],
          }),
        exceptions: eksDefaultExceptions,
        toolVersion,
        timeoutMs: 1000,
        env: {},
        logger,
        now: () => now,
      }
    );
    // A month of showback, the cluster a node smaller on weekends.
    for (let back = 29; back >= 1; back -= 1) {
      const day = new Date(now.getTime() - back * dayMs);
      const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
      await store.metering.record(
        cluster.id,
        day.toISOString(),
        (demo.nodes - (weekend ? 1 : 0)) * demo.cpu
      );
    }
    for (const alert of demoAlertsFor(demo.name, now)) {
      await store.alerts.record(cluster.id, alert);
      alerts += 1;
    }
  }

  const registry = await store.registries.add({
    name: 'demo-registry',
    url: `https://${demoRegistryHost}`,
  });
  const images = demoImages();
  for (const image of images) {
    const { image: stored } = await store.images.upsert({
      registryId: registry.id,
      repository: image.repository,
      digest: image.digest,
      tags: [image.tag],
    });
    const scan = await store.scans.queue(stored.id, 'added');
    await store.scans.start(scan.id, { worker: 'demo:0', attempt: 1 });
    await store.findings.replace(
      stored.id,
      image.findings.map((finding) => ({
        vulnerabilityId: finding.id,
        packagePurl: purlOf(finding),
        packageName: finding.name,
        packageVersion: finding.version,
        severity: finding.severity,
        ...(finding.fixed !== undefined ? { fixedVersion: finding.fixed } : {}),
        title: `${finding.name}: ${finding.id}`,
        ...(finding.exploited !== undefined ? { knownExploited: finding.exploited } : {}),
      }))
    );
    await store.scans.finish(scan.id, {
      packageCount: 40 + image.findings.length * 7,
      findingCount: image.findings.length,
      note: 'demo data: no image was pulled',
    });
    // The SBOM a scan would have stored, for the dashboard's download. The re-match schedule
    // is off under --demo; turned on with a database, it would match these packages for real.
    await store.images.setSbom(
      stored.id,
      await demoSbom(image, demoRegistryHost, now),
      now.toISOString()
    );
  }
  await seedScoreHistory(store, now);
  return { seeded: true, clusters: demoClusters.length, alerts, images: images.length };
}
