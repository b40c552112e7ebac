import type { Severity } from '../../core/finding.js';
import type { SarifLevel } from './sarif-log.js';

/**
 * The `security-severity` GitHub code scanning reads from a rule, a CVSS-like score it turns
 * back into a label: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 3.9 or less low.
 * Findings carry a label and no score yet, so each label maps to a score inside GitHub's band
 * for it, away from the edges:
 *
 * | severity   | security-severity | GitHub shows | level   |
 * | ---------- | ----------------- | ------------ | ------- |
 * | critical   | 9.5               | Critical     | error   |
 * | high       | 8.0               | High         | error   |
 * | medium     | 5.5               | Medium       | warning |
 * | low        | 2.0               | Low          | note    |
 * | negligible | 0.0               | Low          | note    |
 * | unknown    | 0.0               | Low          | note    |
 *
 * GitHub has no band below Low, so negligible and unrated findings show as Low; 0.0 keeps them
 * last when alerts are sorted by score.
 */
const scores: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  negligible: '0.0',
  unknown: '0.0',
};

const levels: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  negligible: 'note',
  unknown: 'note',
};

export function securitySeverity(severity: Severity): string {
  return scores[severity];
}

/** The SARIF level: what breaks a build (error), what should be looked at (warning), the rest. */
export function sarifLevel(severity: Severity): SarifLevel {
  return levels[severity];
}
