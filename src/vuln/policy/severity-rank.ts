import { severityOrder, type Severity } from '../../core/finding.js';

/**
 * 0 for critical up to 5 for unknown: lower is worse. Unknown ranks below negligible, as
 * `severityOrder` lists it, so a threshold of any known severity leaves unknown out (Trivy
 * keeps UNKNOWN only while no severity filter is set) and only a threshold of `unknown` takes
 * it in. A finding nobody rated is not assumed to be critical, nor silently dropped: with no
 * threshold it is kept and shown.
 */
export function severityRank(severity: Severity): number {
  return severityOrder.indexOf(severity);
}

/** Whether a severity is at or above a threshold. */
export function meetsSeverity(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}
