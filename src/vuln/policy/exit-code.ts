import type { Finding, Severity } from '../../core/finding.js';
import { meetsSeverity } from './severity-rank.js';

/**
 * The scan's verdict for CI: 1 when any kept finding is at or above the threshold, else 0.
 * Without a threshold any kept finding fails the scan, as Trivy's `--exit-code 1` does. An
 * unknown severity fails only a threshold of `unknown`: an unrated finding is not promoted.
 * Pass the findings `applyPolicy` kept: a suppressed finding never fails a build.
 */
export function exitCodeFor(findings: readonly Finding[], threshold?: Severity): 0 | 1 {
  const failing = findings.some(
    (finding) => threshold === undefined || meetsSeverity(finding.severity, threshold)
  );
  return failing ? 1 : 0;
}
