import type { Package } from '../../core/package.js';

/**
 * The version as a person compares it: rpm keeps its epoch apart in the inventory (the purl
 * carries it as a qualifier), but `1:2.3-4` and `2.3-4` are different versions, so an SBOM's
 * version field shows it. dpkg versions already contain theirs.
 */
export function packageVersion(pkg: Pick<Package, 'type' | 'version' | 'epoch'>): string {
  if (pkg.type === 'rpm' && pkg.epoch) {
    return `${pkg.epoch}:${pkg.version}`;
  }
  return pkg.version;
}
