/**
 * A vector string that cannot be scored: wrong prefix, unknown, missing or repeated metric, or
 * a value the metric does not have. The reason is kept apart so callers can report it alone.
 */
export class InvalidCvssVectorError extends Error {
  readonly vector: string;
  readonly reason: string;

  constructor(vector: string, reason: string) {
    super(`invalid CVSS vector ${JSON.stringify(vector.slice(0, 300))}: ${reason}`);
    this.name = 'InvalidCvssVectorError';
    this.vector = vector;
    this.reason = reason;
  }
}
