import { isRecord } from '../../core/is-record.js';
import type {
  ComplianceCheck,
  ComplianceControl,
  ComplianceCounts,
  ComplianceFramework,
  ComplianceInputs,
  ComplianceView,
  ControlStatus,
} from './types.js';

export const controlStatuses: readonly ControlStatus[] = [
  'failing',
  'passing',
  'exempted',
  'manual',
  'not_assessed',
];

/** framework → control id → the checks that decide it, as the runs reported them. */
type Structure = Map<string, Map<string, Set<string>>>;

/** Reads a stored `FrameworkSummary[]` defensively: a malformed entry is left out. */
function addStructure(structure: Structure, frameworks: readonly unknown[]): void {
  for (const entry of frameworks) {
    if (!isRecord(entry) || typeof entry['framework'] !== 'string') {
      continue;
    }
    const controls = structure.get(entry['framework']) ?? new Map<string, Set<string>>();
    structure.set(entry['framework'], controls);
    for (const control of Array.isArray(entry['controls']) ? entry['controls'] : []) {
      if (!isRecord(control) || typeof control['id'] !== 'string') {
        continue;
      }
      const checks = controls.get(control['id']) ?? new Set<string>();
      controls.set(control['id'], checks);
      for (const check of Array.isArray(control['checks']) ? control['checks'] : []) {
        if (typeof check === 'string') {
          checks.add(check);
        }
      }
    }
  }
}

const none = (): ComplianceCounts => ({ passed: 0, failed: 0, exempted: 0, manual: 0 });

function add(into: ComplianceCounts, from: ComplianceCounts): void {
  into.passed += from.passed;
  into.failed += from.failed;
  into.exempted += from.exempted;
  into.manual += from.manual;
}

/** Per check, over the clusters counted: the runs' tallies with today's exemptions applied. */
function checkCounts(inputs: ComplianceInputs): Map<string, ComplianceCounts> {
  const covered = new Map(
    inputs.covered.map((row) => [`${row.clusterId} ${row.check}`, row.count])
  );
  const counts = new Map<string, ComplianceCounts>();
  for (const run of inputs.runs) {
    for (const tally of run.checks) {
      const exempted = Math.min(tally.failed, covered.get(`${run.clusterId} ${tally.check}`) ?? 0);
      const total = counts.get(tally.check) ?? none();
      add(total, {
        passed: tally.passed,
        failed: tally.failed - exempted,
        exempted: tally.exempted + exempted,
        manual: tally.manual,
      });
      counts.set(tally.check, total);
    }
  }
  return counts;
}

function statusOf(counts: ComplianceCounts): ControlStatus {
  return counts.failed > 0
    ? 'failing'
    : counts.passed > 0
      ? 'passing'
      : counts.exempted > 0
        ? 'exempted'
        : counts.manual > 0
          ? 'manual'
          : 'not_assessed';
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const severityRank: Record<string, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  informational: 4,
};

function control(
  id: string,
  checkIds: ReadonlySet<string>,
  counts: ReadonlyMap<string, ComplianceCounts>,
  inputs: ComplianceInputs
): ComplianceControl {
  const checks: ComplianceCheck[] = [...checkIds].map((check) => {
    const definition = inputs.definitions.get(check);
    return {
      id: check,
      // A check a newer or older palisade ran and this one does not know: its id stands in.
      title: definition?.title ?? check,
      severity: definition?.severity ?? 'unknown',
      remediation: definition?.remediation ?? '',
      ...(counts.get(check) ?? none()),
    };
  });
  checks.sort(
    (a, b) =>
      (severityRank[a.severity] ?? 5) - (severityRank[b.severity] ?? 5) || a.id.localeCompare(b.id)
  );
  const total = none();
  for (const check of checks) {
    add(total, check);
  }
  const judged = total.passed + total.failed;
  return {
    id,
    status: statusOf(total),
    ...total,
    ...(judged > 0 ? { score: round((total.passed / judged) * 100) } : {}),
    checks,
  };
}

/**
 * Per framework, per control: passed, failing, exempted and manual results over the clusters'
 * latest runs, with the exemptions active now taken out of the failures. The structure (which
 * controls, which checks decide each) is what the runs reported.
 */
export function buildComplianceView(inputs: ComplianceInputs): ComplianceView {
  const structure: Structure = new Map();
  for (const run of inputs.runs) {
    addStructure(structure, run.frameworks);
  }
  const counts = checkCounts(inputs);
  const frameworks: ComplianceFramework[] = [...structure]
    .filter(([id]) => inputs.framework === undefined || id === inputs.framework)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, controls]) => {
      const list = [...controls]
        .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
        .map(([controlId, checks]) => control(controlId, checks, counts, inputs));
      const scored = list.flatMap((item) => (item.score === undefined ? [] : [item.score]));
      const controlsByStatus = Object.fromEntries(controlStatuses.map((s) => [s, 0])) as Record<
        ControlStatus,
        number
      >;
      for (const item of list) {
        controlsByStatus[item.status] += 1;
      }
      return {
        id,
        title: inputs.frameworkTitles[id] ?? id,
        ...(scored.length > 0
          ? { score: round(scored.reduce((sum, score) => sum + score, 0) / scored.length) }
          : {}),
        controlsByStatus,
        controls: list,
      };
    });
  const assessed = new Map(inputs.runs.map((run) => [run.clusterId, run.finishedAt]));
  return {
    clusters: inputs.clusters.map((cluster) => {
      const at = assessed.get(cluster.id);
      return {
        id: cluster.id,
        name: cluster.name,
        ...(at !== undefined ? { assessedAt: at } : {}),
      };
    }),
    frameworks,
  };
}
