import { PackageURL } from 'packageurl-js';
import { distroQualifier, type OsInfo } from './os.js';
import { isOsPackageType, type OsPackageType, type PackageRecord } from './package.js';

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
  if (!isOsPackageType(pkg.type)) {
    throw new Error(`${pkg.type} is not an OS package type`);
  }
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
  const type = pkg.type;
  return new PackageURL(
    type,
    namespaceFor(type, os),
    pkg.name,
    pkg.version,
    Object.keys(qualifiers).length > 0 ? qualifiers : undefined,
    undefined
  ).toString();
}

function namespaceFor(type: OsPackageType, os: OsInfo | undefined): string | undefined {
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

/** Any package's URL: the OS convention above, or the language one below. */
export function packagePurl(pkg: PackageRecord, os: OsInfo | undefined): string {
  return isOsPackageType(pkg.type) ? osPackagePurl(pkg, os) : languagePackagePurl(pkg);
}

/**
 * Language packages, as the purl spec's types write them: the ecosystem's full name split
 * into namespace and name (npm `@scope/name`, Maven `group:artifact`, Go and Composer paths),
 * the version as the ecosystem prints it, no qualifiers.
 */
export function languagePackagePurl(pkg: PackageRecord): string {
  const [namespace, name] = splitLanguageName(pkg.type, pkg.name);
  return new PackageURL(pkg.type, namespace, name, pkg.version, undefined, undefined).toString();
}

/** The reverse of the split: a purl's namespace and name back into the ecosystem's full name. */
export function joinLanguageName(
  type: string,
  namespace: string | undefined,
  name: string
): string {
  if (!namespace) {
    return name;
  }
  return type === 'maven' ? `${namespace}:${name}` : `${namespace}/${name}`;
}

/** A language package's full name as the purl's namespace and name: `org.example:greeting` → group and artifact. */
export function splitLanguageName(
  type: PackageRecord['type'],
  full: string
): [string | undefined, string] {
  const separator =
    type === 'maven'
      ? ':'
      : type === 'npm' || type === 'golang' || type === 'composer'
        ? '/'
        : undefined;
  const at = separator ? full.lastIndexOf(separator) : -1;
  // npm names without a scope (`lodash`) and single-segment paths have no namespace.
  if (at <= 0 || (type === 'npm' && !full.startsWith('@'))) {
    return [undefined, full];
  }
  return [full.slice(0, at), full.slice(at + 1)];
}
