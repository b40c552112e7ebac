import type { Severity } from '../core/finding.js';
import type { ControlRef, FrameworkId } from './check/types.js';
import type { ResourceRef } from './snapshot/types.js';

/** One verdict in the report: a check's result, with an exception applied when one matched. */
export interface AssessedResult {
  check: string;
  title: string;
  severity: Severity;
  controls: ControlRef[];
  status: 'pass' | 'fail' | 'manual' | 'exempted';
  resource: ResourceRef;
  reason: string;
  remediation: string;
  /** For `exempted`: why, and where the exception was written. */
  exemption?: { reason: string; origin: string };
}

export interface ControlSummary {
  id: string;
  /** The checks that decide this control. */
  checks: string[];
  passed: number;
  failed: number;
  manual: number;
  exempted: number;
  /** passed / (passed + failed) × 100, or absent when no resource was judged. */
  score?: number;
}

export interface FrameworkSummary {
  framework: FrameworkId;
  /**
   * The mean of its controls' scores, over the controls that judged at least one resource, so
   * a control that ten thousand pods pass cannot hide one that a single binding fails.
   * Manual and exempted results count in neither part. Absent when no control judged anything.
   */
  score?: number;
  controls: ControlSummary[];
}

/** The version of the assessment document `--format json` prints. */
export const assessmentSchemaVersion = 1;

export interface Assessment {
  schemaVersion: typeof assessmentSchemaVersion;
  tool: { name: 'palisade'; version: string };
  createdAt: string;
  /** What was assessed: `manifests: deploy/`, `cluster: prod (https://…)`. */
  source: string;
  frameworks: FrameworkSummary[];
  /** Sorted: failed first, then by severity, check and resource. */
  results: AssessedResult[];
  /** What could not be read or judged, and exceptions that have expired. */
  notes: string[];
}
