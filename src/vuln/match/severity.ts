import type { Severity } from '../../core/finding.js';

/**
 * Vendor ratings, normalised. The distribution's own rating wins over any other (it knows
 * how the package is built and used there); Debian's tracker says urgency, Amazon says
 * severity, Alpine rates nothing.
 */
const vendorWords: Record<string, Severity> = {
  critical: 'critical',
  important: 'high',
  high: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  unimportant: 'negligible',
  negligible: 'negligible',
};

export function vendorSeverity(value: unknown): Severity | undefined {
  return typeof value === 'string'
    ? vendorWords[value.toLowerCase().replace(/\*+$/, '')]
    : undefined;
}
