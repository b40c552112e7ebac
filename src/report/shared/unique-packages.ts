import type { Package } from '../../core/package.js';

export interface PackageGroup {
  /** The first record with this purl, in inventory order. */
  first: Package;
  /** Every record with this purl, `first` included. */
  all: Package[];
}

/**
 * Groups records that share a package URL. SBOM formats key components by purl, and the same
 * package can be listed twice (one database in two places, a distroless `status.d` entry
 * beside `status`); the group keeps every location instead of dropping all but one.
 */
export function groupByPurl(packages: readonly Package[]): PackageGroup[] {
  const groups = new Map<string, PackageGroup>();
  for (const pkg of packages) {
    const group = groups.get(pkg.purl);
    if (group) {
      group.all.push(pkg);
    } else {
      groups.set(pkg.purl, { first: pkg, all: [pkg] });
    }
  }
  return [...groups.values()];
}
