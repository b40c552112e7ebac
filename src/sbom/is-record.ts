/** A JSON object (not an array, not null): what both SBOM formats are at their root. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
