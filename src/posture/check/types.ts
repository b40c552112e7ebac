import type { Severity } from '../../core/finding.js';
import type { ResourceRef, Snapshot } from '../snapshot/types.js';

/** The frameworks a check can satisfy a control of. */
export type FrameworkId = 'cis-eks-1.8.0' | 'pss-baseline' | 'pss-restricted' | 'defender';

export const frameworkIds: readonly FrameworkId[] = [
  'cis-eks-1.8.0',
  'pss-baseline',
  'pss-restricted',
  'defender',
];

/** What each framework is called, for people. */
export const frameworkTitles: Readonly<Record<FrameworkId, string>> = {
  'cis-eks-1.8.0': 'CIS Amazon EKS Benchmark 1.8.0',
  'pss-baseline': 'Pod Security Standards: baseline',
  'pss-restricted': 'Pod Security Standards: restricted',
  defender: 'Defender for Containers recommendations',
};

/** One control of one framework: `{ framework: 'cis-eks-1.8.0', id: '4.2.1' }`. */
export interface ControlRef {
  framework: FrameworkId;
  id: string;
}

/**
 * `pass` and `fail` are verdicts about one resource. `manual`: a control the data cannot decide,
 * listed with the evidence there is, never counted as passed. The engine turns a `fail` that an
 * exception covers into `exempted`, keeping the reason; checks never write that status.
 */
export type ResultStatus = 'pass' | 'fail' | 'manual';

export interface CheckResult {
  status: ResultStatus;
  resource: ResourceRef;
  /** For a person: what was found, naming the field and container (`container app: privileged: true`). */
  reason: string;
}

/**
 * A posture check: a small named function of a snapshot, returning one result per resource it
 * judged (a pass as well as a fail, so the score knows what was evaluated). It never reads the
 * network or the disk.
 */
export interface Check {
  /** Kebab-case, unique: `pss-host-namespaces`, `rbac-secrets-readers`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** The framework controls a pass satisfies and a fail breaks. */
  readonly controls: readonly ControlRef[];
  /** What to change, in one or two sentences. */
  readonly remediation: string;
  run(snapshot: Snapshot): CheckResult[];
  /**
   * What the check could not judge and no result can carry (a binding subject it could not
   * place), for the assessment's notes. Checks that share a model may return the same notes:
   * the engine keeps each once.
   */
  notes?(snapshot: Snapshot): readonly string[];
}
