import { checks, frameworkTitles } from '../../posture/index.js';
import type { Store } from '../store/index.js';
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
  if (clusterId !== undefined) {
    clusters = clusters.where('id', '=', clusterId);
  }
  const [clusterRows, latest, covered] = await Promise.all([
    clusters.execute(),
    store.assessments.latestSucceeded(clusterId),
    store.exemptions.coveredFailures(),
  ]);
  const inputs: ComplianceInputs = {
    clusters: clusterRows,
    runs: latest.map((run) => ({
      clusterId: run.clusterId,
      finishedAt: run.finishedAt ?? '',
      frameworks: run.frameworks,
      checks: run.checks,
    })),
    covered: covered.filter((row) => clusterId === undefined || row.clusterId === clusterId),
    definitions,
    frameworkTitles,
    ...(query.framework !== undefined ? { framework: query.framework } : {}),
  };
  return buildComplianceView(inputs);
}
