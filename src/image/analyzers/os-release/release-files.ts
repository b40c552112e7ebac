import type { OsInfo } from '../../../core/os.js';

/**
 * Single-line release files, for images without os-release: distroless Debian, old
 * CentOS and Amazon Linux 1. Each returns undefined when the text is not what it expects.
 */
export function fromDebianVersion(text: string, source: string): OsInfo | undefined {
  const version = text.trim();
  // Testing and unstable write `trixie/sid`; a point release writes `12.7`.
  const numeric = /^(?<major>\d+)(?:\.\d+)*$/.exec(version);
  if (!numeric?.groups) {
    return /^[a-z]+\/sid$/.test(version)
      ? { id: 'debian', codename: version.split('/')[0], idLike: [], distroless: false, source }
      : undefined;
  }
  return {
    id: 'debian',
    versionId: numeric.groups['major'],
    prettyName: `Debian GNU/Linux ${version}`,
    idLike: [],
    distroless: false,
    source,
  };
}

export function fromAlpineRelease(text: string, source: string): OsInfo | undefined {
  const version = text.trim();
  if (!/^\d+\.\d+(?:\.\d+)?(?:_\w+)?$/.test(version)) {
    return undefined;
  }
  return {
    id: 'alpine',
    versionId: version,
    prettyName: `Alpine Linux v${version}`,
    idLike: [],
    distroless: false,
    source,
  };
}

const redhatFamily: readonly [RegExp, string][] = [
  [/^Amazon Linux AMI release (?<version>[\d.]+)/, 'amzn'],
  [/^Amazon Linux release (?<version>\d+)/, 'amzn'],
  [/^CentOS Stream release (?<version>\d+)/, 'centos'],
  [/^CentOS (?:Linux )?release (?<version>\d+)/, 'centos'],
  [/^Rocky Linux release (?<version>[\d.]+)/, 'rocky'],
  [/^AlmaLinux release (?<version>[\d.]+)/, 'almalinux'],
  [/^Oracle Linux Server release (?<version>[\d.]+)/, 'ol'],
  [/^Fedora release (?<version>\d+)/, 'fedora'],
  [/^Red Hat Enterprise Linux(?: Server)? release (?<version>[\d.]+)/, 'rhel'],
];

/** `etc/redhat-release` and `etc/system-release` name the distribution in prose. */
export function fromRedhatRelease(text: string, source: string): OsInfo | undefined {
  const line = text.split('\n')[0]?.trim() ?? '';
  for (const [pattern, id] of redhatFamily) {
    const version = pattern.exec(line)?.groups?.['version'];
    if (version) {
      return { id, versionId: version, prettyName: line, idLike: [], distroless: false, source };
    }
  }
  return undefined;
}
