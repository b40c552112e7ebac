import type { CvssSeverity } from './types.js';

/** The qualitative scale of CVSS v3.0, v3.1 and v4.0 (the same in all three). */
export function ratingFromScore(score: number): CvssSeverity {
  if (score === 0) {
    return 'none';
  }
  if (score < 4) {
    return 'low';
  }
  if (score < 7) {
    return 'medium';
  }
  return score < 9 ? 'high' : 'critical';
}

/**
 * CVSS v2 defines no rating of its own; this is the one NVD used for v2 scores: Low 0.0-3.9,
 * Medium 4.0-6.9, High 7.0-10.0. A score of 0.0 is therefore Low, not None.
 */
export function ratingFromV2Score(score: number): CvssSeverity {
  if (score < 4) {
    return 'low';
  }
  return score < 7 ? 'medium' : 'high';
}
