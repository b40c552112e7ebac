import { PackageURL } from 'packageurl-js';
import { distroQualifier, type OsInfo } from './os.js';
import type { PackageRecord } from './package.js';

/**
 * Palisade's one package-URL convention for OS packages (golden tests in `purl.test.ts`):
 *
 * - namespace: the os-release `ID` (`debian`, `ubuntu`, `alpine`, `amzn`, `rhel`, `rocky`…);
 *   when the OS is unknown, the package manager's home distribution (`debian`, `alpine`) or,
 *   for rpm, no namespace at all.
 * - version: the package manager's version; for rpm `version-release` without the epoch.
 * - qualifiers, sorted by key as the purl spec asks: `arch`; `distro` as `<ID>-<VERSION_ID>`
 *   (`debian-12`, `alpine-3.20.3`, `amzn-2023`); `epoch` (rpm, only when non-zero); `upstream`,
 *   the source package name, only when it differs from the binary name.
 */
export function osPackagePurl(pkg: PackageRecord, os: OsInfo | undefined): string {
  const qualifiers: Record<string, string> = {};
  if (pkg.arch) {
    qualifiers['arch'] = pkg.arch;
  }
  if (pkg.type === 'rpm' && pkg.epoch) {
    qualifiers['epoch'] = String(pkg.epoch);
  }
  const distro = distroQualifier(os);
  if (distro) {
    qualifiers['distro'] = distro;
  }
  if (pkg.source && pkg.source.name !== pkg.name) {
    qualifiers['upstream'] = pkg.source.name;
  }
  return new PackageURL(
    pkg.type,
    namespaceFor(pkg.type, os),
    pkg.name,
    pkg.version,
    Object.keys(qualifiers).length > 0 ? qualifiers : undefined,
    undefined
  ).toString();
}

function namespaceFor(type: PackageRecord['type'], os: OsInfo | undefined): string | undefined {
  if (os?.id) {
    return os.id;
  }
  switch (type) {
    case 'deb':
      return 'debian';
    case 'apk':
      return 'alpine';
    case 'rpm':
      return undefined;
  }
}
