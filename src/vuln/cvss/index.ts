/** CVSS v2.0, v3.0, v3.1 and v4.0 vectors: validation, base scores and ratings. */
export { InvalidCvssVectorError } from './errors.js';
export { parseCvss, severityFromCvss, type CvssRating } from './parse.js';
export type { CvssResult, CvssSeverity, CvssV4AdjustedScore, CvssVersion } from './types.js';
