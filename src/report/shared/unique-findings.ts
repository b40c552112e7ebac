import type { Finding } from '../../core/finding.js';

/**
 * The items whose findings name a new vulnerability-and-package pair, first one kept. One
 * package listed twice (a `status` and a distroless `status.d` entry with the same purl) is
 * matched twice; formats keyed by package URL state each pair once, as the SBOM states the
 * package once.
 */
export function uniqueFindings<T>(items: readonly T[], findingOf: (item: T) => Finding): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const { id, package: pkg } = findingOf(item);
    const key = `${id}\u0000${pkg.purl}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
