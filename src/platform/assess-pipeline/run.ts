import type { Logger } from '../../core/logger.js';
import {
  assess,
  checks,
  workloadsOf,
  type Assessment,
  type ClusterRead,
  type Exception,
  type ReadClusterOptions,
} from '../../posture/index.js';
import type {
  AssessmentCounts,
  CheckTally,
  ClusterConnection,
  InventoryNode,
  RecommendationResult,
  Store,
} from '../store/index.js';

/** The kinds whose objects make the workload list; one read in part leaves it as it was. */
const workloadKinds = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
];

/** What one run needs besides the store: how to read a cluster and what to except. */
export interface RunSettings {
  read: (options: ReadClusterOptions) => Promise<ClusterRead>;
  exceptions: readonly Exception[];
  toolVersion: string;
  /** Per API call, in ms. */
  timeoutMs: number;
  /** Where a path-less cluster finds `KUBECONFIG` / `HOME` / the in-cluster variables. */
  env: Record<string, string | undefined>;
  logger: Logger;
  now: () => Date;
}

function readOptions(connection: ClusterConnection, settings: RunSettings): ReadClusterOptions {
  const { config } = connection.cluster;
  const text = (key: string): string | undefined =>
    typeof config[key] === 'string' ? config[key] : undefined;
  const kubeconfig = text('kubeconfig');
  const context = text('context');
  return {
    ...(kubeconfig !== undefined ? { kubeconfig } : {}),
    ...(connection.kubeconfigData !== undefined
      ? { kubeconfigData: connection.kubeconfigData }
      : {}),
    ...(context !== undefined ? { context } : {}),
    env: settings.env,
    timeoutMs: settings.timeoutMs,
    logger: settings.logger,
  };
}

function countsOf(assessment: Assessment): AssessmentCounts {
  const counts: AssessmentCounts = { results: 0, failed: 0, passed: 0, manual: 0, exempted: 0 };
  const field = { fail: 'failed', pass: 'passed', manual: 'manual', exempted: 'exempted' } as const;
  for (const result of assessment.results) {
    counts.results += 1;
    counts[field[result.status]] += 1;
  }
  return counts;
}

/** Per check, in the order the checks ran. */
function talliesOf(assessment: Assessment): CheckTally[] {
  const tallies = new Map<string, CheckTally>();
  const field = { fail: 'failed', pass: 'passed', manual: 'manual', exempted: 'exempted' } as const;
  for (const result of assessment.results) {
    let tally = tallies.get(result.check);
    if (tally === undefined) {
      tally = {
        check: result.check,
        severity: result.severity,
        passed: 0,
        failed: 0,
        manual: 0,
        exempted: 0,
      };
      tallies.set(result.check, tally);
    }
    tally[field[result.status]] += 1;
  }
  return [...tallies.values()];
}

function recommendationsOf(assessment: Assessment): RecommendationResult[] {
  return assessment.results.map((result) => ({
    check: result.check,
    title: result.title,
    severity: result.severity,
    controls: result.controls,
    status: result.status,
    resource: {
      kind: result.resource.kind,
      ...(result.resource.namespace !== undefined ? { namespace: result.resource.namespace } : {}),
      name: result.resource.name,
    },
    message: result.reason,
  }));
}

/**
 * One cluster read, assessed and stored under run `id`: recommendations, nodes, workloads,
 * the day's metering and the run's counts. Errors propagate; the caller records them.
 */
export async function assessAndStore(
  store: Store,
  id: string,
  connection: ClusterConnection,
  settings: RunSettings
): Promise<void> {
  const clusterId = connection.cluster.id;
  const read = await settings.read(readOptions(connection, settings));
  const at = settings.now();
  const assessment = assess(read.snapshot, {
    checks: [...checks.values()],
    exceptions: settings.exceptions,
    toolVersion: settings.toolVersion,
    now: () => at,
  });
  const stamp = at.toISOString();
  const notes = [...assessment.notes];
  await store.recommendations.apply(clusterId, {
    at: stamp,
    results: recommendationsOf(assessment),
    incompleteKinds: read.incompleteKinds,
  });
  const unread = read.incompleteKinds.filter((kind) => workloadKinds.includes(kind));
  const workloads = unread.length === 0 ? workloadsOf(read.snapshot) : undefined;
  if (workloads !== undefined) {
    await store.inventory.replaceWorkloads(clusterId, workloads, stamp);
  } else {
    notes.push(`workloads not updated: ${unread.join(', ')} could not be listed whole`);
  }
  let vcores: number | undefined;
  if (read.nodes !== undefined) {
    const nodes: InventoryNode[] = read.nodes.map((node) => ({ ...node, vcpus: 0 }));
    await store.inventory.replaceNodes(clusterId, nodes, stamp);
    const millis = read.nodes.reduce((sum, node) => sum + (node.cpuMillicores ?? 0), 0);
    vcores = millis / 1000;
    await store.metering.record(clusterId, stamp, vcores);
    notes.push(...read.nodes.flatMap((node) => (node.problem !== undefined ? [node.problem] : [])));
  } else {
    notes.push(`nodes and metering not updated: ${read.nodesNote ?? 'nodes not read'}`);
  }
  await store.assessments.finish(id, {
    at: settings.now().toISOString(),
    counts: countsOf(assessment),
    ...(read.nodes !== undefined ? { nodes: read.nodes.length } : {}),
    ...(vcores !== undefined ? { vcores } : {}),
    ...(workloads !== undefined ? { workloads: workloads.length } : {}),
    frameworks: assessment.frameworks,
    checks: talliesOf(assessment),
    notes,
  });
  await store.clusters.markAssessed(clusterId, stamp);
}
