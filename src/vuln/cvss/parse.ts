import { InvalidCvssVectorError } from './errors.js';
import { ratingFromScore, ratingFromV2Score } from './rating.js';
import type { CvssResult, CvssSeverity, CvssVersion } from './types.js';
import { scoreV2 } from './v2.js';
import { scoreV3 } from './v3.js';
import { scoreV4 } from './v4.js';

const prefixPattern = /^CVSS:([^/]*)\//;

/**
 * Parses and scores a CVSS vector: `CVSS:4.0/…`, `CVSS:3.1/…`, `CVSS:3.0/…`, or a v2 vector,
 * which has no prefix (`AV:N/AC:L/Au:N/C:P/I:P/A:P`). Throws `InvalidCvssVectorError` for
 * anything malformed.
 */
export function parseCvss(vector: string): CvssResult {
  const trimmed = vector.trim();
  const prefix = prefixPattern.exec(trimmed);
  if (!prefix) {
    return parseUnprefixed(trimmed);
  }
  const body = trimmed.slice(prefix[0].length);
  switch (prefix[1]) {
    case '3.0':
    case '3.1': {
      const baseScore = scoreV3(trimmed, body, prefix[1]);
      return {
        version: prefix[1],
        vector: trimmed,
        baseScore,
        severity: ratingFromScore(baseScore),
      };
    }
    case '4.0': {
      const { baseScore, adjusted } = scoreV4(trimmed, body);
      return {
        version: '4.0',
        vector: trimmed,
        baseScore,
        severity: ratingFromScore(baseScore),
        ...(adjusted ? { adjusted } : {}),
      };
    }
    default:
      throw new InvalidCvssVectorError(
        trimmed,
        `wrong prefix "CVSS:${prefix[1] ?? ''}/" (expected CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/)`
      );
  }
}

/** Only CVSS v2 goes without a prefix; anything else unprefixed is a wrong or missing prefix. */
function parseUnprefixed(vector: string): CvssResult {
  if (vector.startsWith('CVSS:')) {
    throw new InvalidCvssVectorError(vector, 'wrong prefix (expected CVSS:<version>/)');
  }
  if (!vector.split('/').some((component) => component.startsWith('Au:'))) {
    throw new InvalidCvssVectorError(
      vector,
      'wrong prefix: no CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/ prefix, and not a CVSS v2 vector (no Au metric)'
    );
  }
  const baseScore = scoreV2(vector, vector);
  return { version: '2.0', vector, baseScore, severity: ratingFromV2Score(baseScore) };
}

const versionPreference: readonly CvssVersion[] = ['4.0', '3.1', '3.0', '2.0'];

export interface CvssRating {
  version: CvssVersion;
  score: number;
  severity: CvssSeverity;
  vector: string;
}

/**
 * The rating to show for a vulnerability scored several times: the base score of the newest
 * CVSS version among the valid vectors (4.0, then 3.1, 3.0, 2.0), the first listed when a
 * version appears more than once. Invalid vectors are skipped; undefined when none is valid.
 */
export function severityFromCvss(vectors: readonly string[]): CvssRating | undefined {
  const results: CvssResult[] = [];
  for (const vector of vectors) {
    try {
      results.push(parseCvss(vector));
    } catch (error) {
      if (!(error instanceof InvalidCvssVectorError)) {
        throw error;
      }
    }
  }
  for (const version of versionPreference) {
    const result = results.find((candidate) => candidate.version === version);
    if (result) {
      return {
        version,
        score: result.baseScore,
        severity: result.severity,
        vector: result.vector,
      };
    }
  }
  return undefined;
}
