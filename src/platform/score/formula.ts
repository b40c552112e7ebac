import { imagesRun } from './image-match.js';
import type {
  AccountScore,
  ClusterScore,
  ScannedImage,
  ScoreControl,
  ScoreInputs,
  ScoreReport,
  ScoreSummary,
} from './types.js';
import { alertControlPoints, checkPoints, imageControlPoints, openAlertWeight } from './weights.js';

function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

function summary(controls: readonly ScoreControl[]): ScoreSummary {
  const max = controls.reduce((sum, control) => sum + control.max, 0);
  const earned = controls.reduce((sum, control) => sum + control.earned, 0);
  return {
    score: max === 0 ? 100 : round((100 * earned) / max, 1),
    earned: round(earned, 3),
    max,
  };
}

function healthControl(id: string, max: number, healthy: number, unhealthy: number): ScoreControl {
  return { id, max, earned: round((max * healthy) / (healthy + unhealthy), 3), healthy, unhealthy };
}

/**
 * A posture check's control: exempted failures count as neither healthy nor unhealthy, and a
 * control whose every failure is exempted earns its full points (nothing left to fix).
 */
function postureControl(
  id: string,
  max: number,
  passed: number,
  failed: number,
  exempted: number
): ScoreControl {
  const unhealthy = failed - exempted;
  if (exempted === 0) {
    return healthControl(id, max, passed, unhealthy);
  }
  const earned = passed + unhealthy === 0 ? max : round((max * passed) / (passed + unhealthy), 3);
  return { id, max, earned, healthy: passed, unhealthy, exempted };
}

function postureControls(clusterId: string, inputs: ScoreInputs): ScoreControl[] {
  return inputs.checks
    .filter(
      (check) =>
        check.clusterId === clusterId &&
        (checkPoints[check.severity] ?? 0) > 0 &&
        check.passed + check.failed > 0
    )
    .sort((a, b) => (a.checkId < b.checkId ? -1 : a.checkId > b.checkId ? 1 : 0))
    .map((check) =>
      postureControl(
        `posture:${check.checkId}`,
        checkPoints[check.severity] ?? 0,
        check.passed,
        check.failed,
        Math.max(0, Math.min(check.failed, check.exempted ?? 0))
      )
    );
}

function imageControl(run: ReadonlySet<ScannedImage>): ScoreControl[] {
  if (run.size === 0) {
    return [];
  }
  const unhealthy = [...run].filter((image) => image.severeOpen > 0).length;
  return [healthControl('images', imageControlPoints, run.size - unhealthy, unhealthy)];
}

function alertControl(clusterId: string, inputs: ScoreInputs): ScoreControl {
  let weight = 0;
  let open = 0;
  for (const row of inputs.openAlerts) {
    if (row.clusterId === clusterId) {
      weight += (openAlertWeight[row.severity] ?? 0) * row.count;
      open += row.count;
    }
  }
  return {
    id: 'alerts',
    max: alertControlPoints,
    earned: Math.max(0, alertControlPoints - weight),
    healthy: 0,
    unhealthy: open,
  };
}

/**
 * The secure score of every cluster, of every account (the clusters with an `accountId`), and
 * overall (every cluster, plus the image control over every scanned image, deployed or not).
 * The formula is in `readme.md`; keep the two in step.
 */
export function computeScores(inputs: ScoreInputs): ScoreReport {
  const clusters: ClusterScore[] = inputs.clusters.map((cluster) => {
    const references = inputs.workloads
      .filter((workload) => workload.clusterId === cluster.id)
      .flatMap((workload) => workload.images);
    const controls = [
      ...postureControls(cluster.id, inputs),
      ...imageControl(imagesRun(references, inputs.images)),
      alertControl(cluster.id, inputs),
    ];
    return {
      clusterId: cluster.id,
      name: cluster.name,
      ...(cluster.accountId !== undefined ? { accountId: cluster.accountId } : {}),
      ...summary(controls),
      controls,
    };
  });

  const accounts = new Map<string, ClusterScore[]>();
  for (const cluster of clusters) {
    if (cluster.accountId !== undefined) {
      accounts.set(cluster.accountId, [...(accounts.get(cluster.accountId) ?? []), cluster]);
    }
  }
  const accountScores: AccountScore[] = [...accounts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([accountId, members]) => ({
      accountId,
      clusters: members.map((member) => member.clusterId),
      ...summary(members.flatMap((member) => member.controls)),
    }));

  const registryControls = imageControl(new Set(inputs.images)).map((control) => ({
    ...control,
    id: 'registry-images',
  }));
  return {
    overall: {
      ...summary([...clusters.flatMap((cluster) => cluster.controls), ...registryControls]),
      controls: registryControls,
    },
    accounts: accountScores,
    clusters,
  };
}
