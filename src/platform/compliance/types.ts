import type { CheckTally, CoveredFailures } from '../store/index.js';

/** Results counted for a check or a control, exemptions applied. */
export interface ComplianceCounts {
  passed: number;
  /** Failing and not exempted. */
  failed: number;
  /** Exempted by an exception file at assessment time, or by a platform exemption now. */
  exempted: number;
  manual: number;
}

export interface ComplianceCheck extends ComplianceCounts {
  id: string;
  title: string;
  severity: string;
  /** What to change, from the check's definition. */
  remediation: string;
}

/** `failing` while one resource fails unexempted; `not_assessed` when nothing was judged. */
export type ControlStatus = 'failing' | 'passing' | 'exempted' | 'manual' | 'not_assessed';

export interface ComplianceControl extends ComplianceCounts {
  id: string;
  status: ControlStatus;
  /** passed ÷ (passed + failed) × 100, one decimal; absent when nothing passed or failed. */
  score?: number;
  checks: ComplianceCheck[];
}

export interface ComplianceFramework {
  id: string;
  title: string;
  /** The mean of its controls' scores, as the posture engine computes it; absent: none scored. */
  score?: number;
  /** How many controls are in each status. */
  controlsByStatus: Record<ControlStatus, number>;
  controls: ComplianceControl[];
}

export interface ComplianceView {
  /** The clusters counted, with the run each was counted from (absent: never assessed). */
  clusters: { id: string; name: string; assessedAt?: string }[];
  frameworks: ComplianceFramework[];
}

/** What a check's definition says, for people. */
export interface CheckDefinition {
  title: string;
  severity: string;
  remediation: string;
}

/** What the view is built from: each cluster's latest successful run and the exemptions now. */
export interface ComplianceInputs {
  clusters: readonly { id: string; name: string }[];
  runs: readonly {
    clusterId: string;
    finishedAt: string;
    /** The run's framework summaries (the posture engine's `FrameworkSummary[]`), as stored. */
    frameworks: readonly unknown[];
    checks: readonly CheckTally[];
  }[];
  covered: readonly CoveredFailures[];
  definitions: ReadonlyMap<string, CheckDefinition>;
  frameworkTitles: Readonly<Record<string, string>>;
  /** Only this framework; every framework the runs report when absent. */
  framework?: string;
}
