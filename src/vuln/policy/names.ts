import type { Finding } from '../../core/finding.js';

/**
 * Vulnerability ids compared without case: `cve-2023-1234` in a hand-written file means the
 * CVE, and GHSA ids are printed both ways. Nothing in an id's case tells two apart.
 */
export function nameKey(name: string): string {
  return name.trim().toUpperCase();
}

/** Every name a finding goes by (its id and aliases), as `nameKey` writes them. */
export function findingNames(finding: Pick<Finding, 'id' | 'aliases'>): Set<string> {
  return new Set([finding.id, ...finding.aliases].map(nameKey));
}
