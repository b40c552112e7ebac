import { checks, frameworkTitles } from '../../posture/index.js';
import { parseCheckTallies, type Store } from '../store/index.js';
import type { CheckDefinition, ComplianceInputs } from './types.js';
import { buildComplianceView } from './view.js';
import type { ComplianceView } from './types.js';

const definitions: ReadonlyMap<string, CheckDefinition> = new Map(
  [...checks.values()].map((check) => [
    check.id,
    { title: check.title, severity: check.severity, remediation: check.remediation },
  ])
);

/**
 * The compliance view of one cluster (its id; the caller has checked it exists) or of every
 * cluster, from each one's latest successful assessment and the exemptions active now.
 */
export async function complianceView(
  store: Store,
  query: { clusterId?: string; framework?: string } = {}
): Promise<ComplianceView> {
  const { db } = store;
  const { clusterId } = query;
  let clusters = db.selectFrom('clusters').select(['id', 'name']).orderBy('name');
  let runs = db
    .selectFrom('assessments as run')
    .where('run.status', '=', 'succeeded')
    .where((eb) =>
      eb(
        'run.finished_at',
        '=',
        eb
          .selectFrom('assessments as other')
          .where('other.status', '=', 'succeeded')
          .whereRef('other.cluster_id', '=', 'run.cluster_id')
          .select((other) => other.fn.max('other.finished_at').as('latest'))
      )
    )
    .select(['run.cluster_id', 'run.finished_at', 'run.frameworks', 'run.checks']);
  if (clusterId !== undefined) {
    clusters = clusters.where('id', '=', clusterId);
    runs = runs.where('run.cluster_id', '=', clusterId);
  }
  const [clusterRows, runRows, covered] = await Promise.all([
    clusters.execute(),
    runs.execute(),
    store.exemptions.coveredFailures(),
  ]);
  // Two runs finishing in the same millisecond would both be latest; the first one counts.
  const latest = [...new Map(runRows.map((run) => [run.cluster_id, run])).values()];
  const inputs: ComplianceInputs = {
    clusters: clusterRows,
    runs: latest.map((run) => {
      const frameworks: unknown = JSON.parse(run.frameworks);
      return {
        clusterId: run.cluster_id,
        finishedAt: run.finished_at ?? '',
        frameworks: Array.isArray(frameworks) ? frameworks : [],
        checks: parseCheckTallies(run.checks),
      };
    }),
    covered: covered.filter((row) => clusterId === undefined || row.clusterId === clusterId),
    definitions,
    frameworkTitles,
    ...(query.framework !== undefined ? { framework: query.framework } : {}),
  };
  return buildComplianceView(inputs);
}
