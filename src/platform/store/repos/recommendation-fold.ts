import { randomUUID } from 'node:crypto';
import { InputError } from '../../../core/errors.js';
import { severityOrder } from '../../../core/finding.js';
import type { RecommendationsTable, RecommendationStatus } from '../schema.js';
import {
  recommendationSeverityRank,
  recommendationStatuses,
  resourceKey,
  type RecommendationResult,
} from './recommendation-row.js';
import { oneOf, requiredText } from './validate.js';

/** One assessment's results for a cluster, as `recommendations.apply` takes them. */
export interface AssessmentOutcome {
  /** When the cluster was read; every row touched gets this time. */
  at: string;
  results: readonly RecommendationResult[];
  /**
   * Kinds the snapshot lacks or holds in part (`Pod`, `Secret`): their resources are absent,
   * not gone, so their open recommendations are left as they are.
   */
  incompleteKinds?: readonly string[];
}

export interface ApplySummary {
  /** Failing for the first time. */
  opened: number;
  /** Failing again after being resolved. */
  reopened: number;
  /** Resolved by this assessment: passing now, or their resource gone. */
  resolved: number;
  /** Failing after this assessment. */
  failing: number;
}

/** Worst first: two results of one check on one resource fold into the worse. */
const statusWeight: Readonly<Record<RecommendationStatus, number>> = {
  fail: 3,
  manual: 2,
  exempted: 1,
  pass: 0,
};
const maxMessage = 4096;

function checked(result: RecommendationResult): RecommendationResult {
  return {
    ...result,
    check: requiredText(result.check, 'check'),
    title: requiredText(result.title, 'title', 1024),
    severity: oneOf(result.severity, severityOrder, 'severity'),
    status: oneOf(result.status, recommendationStatuses, 'status'),
    resource: {
      kind: requiredText(result.resource.kind, 'resource.kind'),
      ...(result.resource.namespace ? { namespace: result.resource.namespace } : {}),
      name: requiredText(result.resource.name, 'resource.name', 512),
    },
  };
}

/** Results by `check resource-key`, several verdicts on one resource folded into the worst. */
export function foldResults(
  results: readonly RecommendationResult[]
): Map<string, RecommendationResult> {
  const folded = new Map<string, RecommendationResult>();
  for (const raw of results) {
    const result = checked(raw);
    const key = `${result.check} ${resourceKey(result.resource)}`;
    const seen = folded.get(key);
    if (seen === undefined || statusWeight[result.status] > statusWeight[seen.status]) {
      folded.set(key, result);
    } else if (seen.status === result.status && seen.message !== result.message) {
      folded.set(key, {
        ...seen,
        message: `${seen.message}; ${result.message}`.slice(0, maxMessage),
      });
    }
  }
  return folded;
}

function fresh(clusterId: string, result: RecommendationResult, at: string): RecommendationsTable {
  return {
    id: randomUUID(),
    cluster_id: clusterId,
    check_id: result.check,
    resource_key: resourceKey(result.resource),
    status: result.status,
    severity: result.severity,
    severity_rank: recommendationSeverityRank(result.severity),
    title: result.title,
    controls: JSON.stringify(result.controls),
    resource_kind: result.resource.kind,
    resource_namespace: result.resource.namespace ?? null,
    resource_name: result.resource.name,
    message: result.message.slice(0, maxMessage),
    first_seen: at,
    last_seen: at,
    resolved_at: null,
    reopened_at: null,
    reopen_count: 0,
    last_assessed_at: at,
  };
}

/** The row after this verdict, from the row before it. */
function next(
  row: RecommendationsTable,
  result: RecommendationResult,
  at: string,
  summary: ApplySummary
): RecommendationsTable {
  const base: RecommendationsTable = {
    ...fresh(row.cluster_id, result, at),
    id: row.id,
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    resolved_at: row.resolved_at,
    reopened_at: row.reopened_at,
    reopen_count: row.reopen_count,
  };
  if (result.status === 'pass') {
    if (row.status === 'pass') {
      return { ...base, message: row.message };
    }
    summary.resolved += row.status === 'fail' ? 1 : 0;
    return { ...base, resolved_at: at };
  }
  if (result.status === 'fail' && row.status === 'pass' && row.resolved_at !== null) {
    summary.reopened += 1;
    return {
      ...base,
      last_seen: at,
      resolved_at: null,
      reopened_at: at,
      reopen_count: row.reopen_count + 1,
    };
  }
  return { ...base, last_seen: at, resolved_at: null };
}

/**
 * The rows to write for one assessment, from the cluster's rows before it: a failing (or
 * manual, or exempted) result that is new starts a row; one still there moves `last_seen`; a
 * row that fails again after being resolved is reopened; one that passes, or whose resource
 * is gone from a kind read whole, is resolved (status `pass`, `resolved_at`). Passing results
 * with no row stay unstored: only what failed at some time has a history.
 */
export function foldAssessment(
  clusterId: string,
  before: readonly RecommendationsTable[],
  outcome: AssessmentOutcome
): { rows: RecommendationsTable[]; summary: ApplySummary } {
  if (!Number.isFinite(Date.parse(outcome.at))) {
    throw new InputError('at: not a time');
  }
  const summary: ApplySummary = { opened: 0, reopened: 0, resolved: 0, failing: 0 };
  const results = foldResults(outcome.results);
  const incomplete = new Set(outcome.incompleteKinds ?? []);
  const rows: RecommendationsTable[] = [];
  const seen = new Set<string>();
  for (const row of before) {
    const key = `${row.check_id} ${row.resource_key}`;
    seen.add(key);
    const result = results.get(key);
    if (result !== undefined) {
      rows.push(next(row, result, outcome.at, summary));
    } else if (row.status !== 'pass' && !incomplete.has(row.resource_kind)) {
      // Gone: the resource was deleted, or the check no longer judges it.
      summary.resolved += row.status === 'fail' ? 1 : 0;
      rows.push({ ...row, status: 'pass', resolved_at: outcome.at, last_assessed_at: outcome.at });
    }
  }
  for (const [key, result] of results) {
    if (!seen.has(key) && result.status !== 'pass') {
      summary.opened += result.status === 'fail' ? 1 : 0;
      rows.push(fresh(clusterId, result, outcome.at));
    }
  }
  summary.failing = [...results.values()].filter((result) => result.status === 'fail').length;
  summary.failing += before.filter(
    (row) =>
      row.status === 'fail' &&
      incomplete.has(row.resource_kind) &&
      !results.has(`${row.check_id} ${row.resource_key}`)
  ).length;
  return { rows, summary };
}
