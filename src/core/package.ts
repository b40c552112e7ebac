/**
 * What is installed in an image: one record per package, whatever found it.
 * `type` is the package-URL type, so a record names its ecosystem the way SBOMs do.
 */
export type OsPackageType = 'deb' | 'apk' | 'rpm';

/**
 * Language packages. Their `name` is the ecosystem's own full name, as its advisories write
 * it: npm `@scope/name`, Maven `group:artifact`, Go the module path, Composer `vendor/name`,
 * PyPI the project name.
 */
export type LanguagePackageType =
  'npm' | 'pypi' | 'golang' | 'maven' | 'gem' | 'cargo' | 'nuget' | 'composer';

export type PackageType = OsPackageType | LanguagePackageType;

export const osPackageTypes: readonly OsPackageType[] = ['deb', 'apk', 'rpm'];

export const languagePackageTypes: readonly LanguagePackageType[] = [
  'npm',
  'pypi',
  'golang',
  'maven',
  'gem',
  'cargo',
  'nuget',
  'composer',
];

export function isOsPackageType(type: PackageType): type is OsPackageType {
  return (osPackageTypes as readonly string[]).includes(type);
}

export interface LayerRef {
  /** Position in the image's layer list, 0 = base. */
  index: number;
  /** Digest of the layer blob as stored in the registry (compressed). */
  digest: string;
  /** Digest of the uncompressed tar (the config's `rootfs.diff_ids` entry). */
  diffId: string;
}

export interface SourcePackage {
  name: string;
  version?: string;
}

export interface Package {
  type: PackageType;
  name: string;
  /**
   * The version as the package manager prints it: dpkg `[epoch:]upstream[-revision]`,
   * apk `1.36.1-r29`, rpm `version-release` (the epoch is kept apart, in `epoch`).
   */
  version: string;
  /** rpm epoch when the header carries one; dpkg keeps its epoch inside `version`. */
  epoch?: number;
  arch?: string;
  /** The source package the binary was built from, which advisories are keyed by. */
  source?: SourcePackage;
  licenses: string[];
  vendor?: string;
  maintainer?: string;
  /** Package URL, built by the convention in `purl.ts`. */
  purl: string;
  /** Path of the file inside the image that lists this package: a database, manifest or binary. */
  location: string;
  /**
   * What inside that file named the package, when the file holds more than one source of
   * names: `WEB-INF/lib/a.jar!/META-INF/maven/g/a/pom.properties` in a war, `MANIFEST.MF`, the
   * jar's file name. Nested archives are joined with `!/`.
   */
  evidence?: string;
  /** The layer that introduced this package (absent for `dir:` scans). */
  layer?: LayerRef;
}

/** A package as an analyzer reports it, before the scan knows its layer, OS and purl. */
export type PackageRecord = Omit<Package, 'purl' | 'location' | 'layer'>;

export function packageKey(
  pkg: Pick<Package, 'type' | 'name' | 'version' | 'arch' | 'epoch'>
): string {
  return `${pkg.type}/${pkg.name}@${pkg.epoch ?? ''}:${pkg.version}/${pkg.arch ?? ''}`;
}
