import { severityOrder } from '../core/finding.js';
import type { Check, ControlRef, FrameworkId } from './check/types.js';
import { exceptionMatches, isActive } from './exceptions/match.js';
import type { Exception } from './exceptions/types.js';
import { assessedKinds } from './kube/known-kinds.js';
import { podTemplates } from './kube/workloads.js';
import {
  assessmentSchemaVersion,
  type AssessedResult,
  type Assessment,
  type ControlSummary,
  type FrameworkSummary,
} from './assessment.js';
import type { Snapshot } from './snapshot/types.js';

export interface AssessOptions {
  checks: readonly Check[];
  /** Only checks with a control in one of these run; all checks when absent. */
  frameworks?: readonly FrameworkId[];
  exceptions: readonly Exception[];
  toolVersion: string;
  now?: () => Date;
}

/**
 * Runs the checks over a snapshot, applies the exceptions and scores each framework. A check
 * that throws is a bug, not a finding: it propagates.
 */
export function assess(snapshot: Snapshot, options: AssessOptions): Assessment {
  const now = options.now?.() ?? new Date();
  const notes = [...snapshot.notes];
  const active = options.exceptions.filter((exception) => {
    if (isActive(exception, now)) {
      return true;
    }
    notes.push(
      `exception ${exception.origin} expired on ${exception.expires ?? ''}; it no longer applies`
    );
    return false;
  });
  const wanted = options.frameworks ? new Set(options.frameworks) : undefined;
  const checks = options.checks.filter(
    (check) => !wanted || check.controls.some((control) => wanted.has(control.framework))
  );
  const labels = labelsByResource(snapshot, notes);
  const unassessed = unassessedKinds(snapshot);
  if (unassessed !== undefined) {
    notes.push(unassessed);
  }
  const results: AssessedResult[] = [];
  for (const check of checks) {
    // The exceptions that can apply to this check at all: the rest need not be tried per result.
    const candidates = active.filter((exception) =>
      exceptionMatches(
        {
          ...exception,
          namespaces: undefined,
          kinds: undefined,
          names: undefined,
          labels: undefined,
        },
        { check: check.id, controls: check.controls, resource: { kind: '', name: '' } }
      )
    );
    // One copy per check, shared by its results: a big cluster gives a hundred thousand.
    const controls = [...check.controls];
    for (const result of check.run(snapshot)) {
      const assessed: AssessedResult = {
        check: check.id,
        title: check.title,
        severity: check.severity,
        controls,
        status: result.status,
        resource: result.resource,
        reason: result.reason,
        remediation: check.remediation,
      };
      if (result.status === 'fail' && candidates.length > 0) {
        const exception = candidates.find((candidate) =>
          exceptionMatches(candidate, {
            check: check.id,
            controls: check.controls,
            resource: result.resource,
            labels: candidate.labels ? (labels.get(resourceKey(result.resource)) ?? {}) : {},
          })
        );
        if (exception) {
          assessed.status = 'exempted';
          assessed.exemption = { reason: exception.reason, origin: exception.origin };
        }
      }
      results.push(assessed);
    }
  }
  const seen = new Set(notes);
  for (const note of checks.flatMap((check) => check.notes?.(snapshot) ?? [])) {
    if (!seen.has(note)) {
      seen.add(note);
      notes.push(note);
    }
  }
  results.sort(compareResults);
  return {
    schemaVersion: assessmentSchemaVersion,
    tool: { name: 'palisade', version: options.toolVersion },
    createdAt: now.toISOString(),
    source: snapshot.source,
    frameworks: summarise(checks, results, options.frameworks),
    results,
    notes,
  };
}

/** `3 objects of kinds no check reads: Certificate (2), Deploymnet (1)`, or nothing. */
function unassessedKinds(snapshot: Snapshot): string | undefined {
  const counts = new Map<string, number>();
  for (const object of snapshot.objects) {
    if (!assessedKinds.has(object.kind)) {
      counts.set(object.kind, (counts.get(object.kind) ?? 0) + 1);
    }
  }
  if (counts.size === 0) {
    return undefined;
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const kinds = [...counts]
    .sort(([a], [b]) => text(a, b))
    .map(([kind, count]) => `${kind} (${count})`)
    .join(', ');
  return `${total} object(s) of kinds no check reads, not assessed: ${kinds}`;
}

function resourceKey(resource: { kind: string; namespace?: string; name: string }): string {
  return `${resource.kind}/${resource.namespace ?? ''}/${resource.name}`;
}

/**
 * Exceptions by label look at an object's labels, and a workload's pod template labels too.
 * Reading the templates here also says, once for all checks, which ones could not be read.
 */
function labelsByResource(
  snapshot: Snapshot,
  notes: string[]
): Map<string, Record<string, string>> {
  const labels = new Map<string, Record<string, string>>();
  for (const object of snapshot.objects) {
    labels.set(resourceKey({ ...object.metadata, kind: object.kind }), {
      ...object.metadata.labels,
    });
  }
  for (const template of podTemplates(snapshot, notes)) {
    const key = resourceKey(template.ref);
    labels.set(key, { ...template.labels, ...labels.get(key) });
  }
  return labels;
}

const statusRank = { fail: 0, manual: 1, exempted: 2, pass: 3 } as const;
const severityRank = new Map(severityOrder.map((severity, index) => [severity, index]));

function compareResults(a: AssessedResult, b: AssessedResult): number {
  return (
    statusRank[a.status] - statusRank[b.status] ||
    (severityRank.get(a.severity) ?? 0) - (severityRank.get(b.severity) ?? 0) ||
    text(a.check, b.check) ||
    text(a.resource.namespace ?? '', b.resource.namespace ?? '') ||
    text(a.resource.kind, b.resource.kind) ||
    text(a.resource.name, b.resource.name)
  );
}

function text(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function summarise(
  checks: readonly Check[],
  results: readonly AssessedResult[],
  only: readonly FrameworkId[] | undefined
): FrameworkSummary[] {
  const byFramework = new Map<FrameworkId, Map<string, ControlSummary>>();
  for (const check of checks) {
    for (const control of check.controls) {
      if (only && !only.includes(control.framework)) {
        continue;
      }
      const controls = byFramework.get(control.framework) ?? new Map<string, ControlSummary>();
      byFramework.set(control.framework, controls);
      const summary = controls.get(control.id) ?? emptyControl(control);
      if (!summary.checks.includes(check.id)) {
        summary.checks.push(check.id);
      }
      controls.set(control.id, summary);
    }
  }
  for (const result of results) {
    for (const control of result.controls) {
      const summary = byFramework.get(control.framework)?.get(control.id);
      if (summary) {
        summary[statusCounter[result.status]]++;
      }
    }
  }
  return [...byFramework]
    .sort(([a], [b]) => text(a, b))
    .map(([framework, controls]) => {
      const list = [...controls.values()].sort((a, b) => compareControlIds(a.id, b.id));
      for (const control of list) {
        const judged = control.passed + control.failed;
        if (judged > 0) {
          control.score = round((control.passed / judged) * 100);
        }
      }
      const scored = list.flatMap((control) =>
        control.score === undefined ? [] : [control.score]
      );
      return {
        framework,
        ...(scored.length > 0
          ? { score: round(scored.reduce((sum, score) => sum + score, 0) / scored.length) }
          : {}),
        controls: list,
      };
    });
}

const statusCounter = {
  pass: 'passed',
  fail: 'failed',
  manual: 'manual',
  exempted: 'exempted',
} as const;

function emptyControl(control: ControlRef): ControlSummary {
  return { id: control.id, checks: [], passed: 0, failed: 0, manual: 0, exempted: 0 };
}

/** `4.2.10` after `4.2.9`: numeric parts compare as numbers. */
function compareControlIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
