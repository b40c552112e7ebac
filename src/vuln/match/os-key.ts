import type { OsInfo } from '../../core/os.js';
import { isOsPackageType, type LanguagePackageType, type Package } from '../../core/package.js';

/** How an installed package is looked up: which feed, which release, which name and version. */
export interface LookupKey {
  ecosystem: string;
  release: string;
  name: string;
  version: string;
}

/** os-release ID → the OSV ecosystem of the distribution's own feed, and how its release is named. */
const distributions: Record<string, { ecosystem: string; release: (versionId: string) => string }> =
  {
    debian: { ecosystem: 'Debian', release: major },
    ubuntu: { ecosystem: 'Ubuntu', release: (versionId) => versionId },
    alpine: { ecosystem: 'Alpine', release: majorMinor },
    wolfi: { ecosystem: 'Wolfi', release: () => '' },
    chainguard: { ecosystem: 'Chainguard', release: () => '' },
    amzn: { ecosystem: 'Amazon Linux', release: major },
    rocky: { ecosystem: 'Rocky Linux', release: major },
    almalinux: { ecosystem: 'AlmaLinux', release: major },
    rhel: { ecosystem: 'Red Hat', release: major },
    ol: { ecosystem: 'Oracle Linux', release: major },
    'opensuse-leap': { ecosystem: 'openSUSE', release: (versionId) => `Leap ${versionId}` },
    sles: { ecosystem: 'SUSE', release: (versionId) => versionId },
  };

function major(versionId: string): string {
  return versionId.split('.')[0] ?? versionId;
}

function majorMinor(versionId: string): string {
  return versionId.split('.').slice(0, 2).join('.');
}

/**
 * The key a package is matched by. An OS package: only its own distribution's feed, for its own release,
 * by the source package the advisories name (dpkg and apk), or the binary name (rpm feeds list
 * binaries). Undefined when the OS has no feed Palisade knows, or no release to pick one by.
 */
export function osLookupKey(pkg: Package, os: OsInfo | undefined): LookupKey | undefined {
  if (!isOsPackageType(pkg.type)) {
    return languageLookupKey(pkg);
  }
  const distribution = os ? distributions[os.id] : undefined;
  if (!os || !distribution) {
    return undefined;
  }
  const release = distribution.release(os.versionId ?? '');
  if (release === '' && os.id !== 'wolfi' && os.id !== 'chainguard') {
    return undefined;
  }
  const ecosystem = distribution.ecosystem;
  switch (pkg.type) {
    case 'deb':
      return {
        ecosystem,
        release,
        name: pkg.source?.name ?? pkg.name,
        version: pkg.source?.version ?? pkg.version,
      };
    case 'apk':
      return { ecosystem, release, name: pkg.source?.name ?? pkg.name, version: pkg.version };
    case 'rpm':
      return {
        ecosystem,
        release,
        name: pkg.name,
        version: pkg.epoch ? `${pkg.epoch}:${pkg.version}` : pkg.version,
      };
  }
}

/** purl type → the OSV ecosystem whose advisories name that ecosystem's packages. */
const languageEcosystems: Record<LanguagePackageType, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  maven: 'Maven',
  gem: 'RubyGems',
  cargo: 'crates.io',
  nuget: 'NuGet',
  composer: 'Packagist',
};

/**
 * Language packages match their ecosystem's advisories by the ecosystem's own name for the
 * package (Go's standard library is `stdlib`, as the Go vulnerability database names it),
 * whatever OS the image runs.
 */
function languageLookupKey(pkg: Package): LookupKey {
  return {
    ecosystem: languageEcosystems[pkg.type as LanguagePackageType],
    release: '',
    name: pkg.name,
    version: pkg.version,
  };
}
