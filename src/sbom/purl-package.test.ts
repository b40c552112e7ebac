import { describe, expect, it } from 'vitest';
import { packageFromEntry } from './purl-package.js';
import type { SbomEntry } from './sbom-entry.js';

function entry(purl: string, extra: Partial<SbomEntry> = {}): SbomEntry {
  return { where: 'components[0]', purl, licenses: [], ...extra };
}

function packageOf(purl: string, extra: Partial<SbomEntry> = {}) {
  const outcome = packageFromEntry(entry(purl, extra), 'doc.json', 'doc.json');
  if (outcome.kind !== 'package') {
    throw new Error(`not a package: ${outcome.type}`);
  }
  return outcome;
}

describe('packageFromEntry', () => {
  it('takes type, name, version, arch, epoch and distro from the purl', () => {
    const { pkg, distro } = packageOf(
      'pkg:rpm/amzn/bash@5.2.15-1.amzn2023.0.2?arch=x86_64&distro=amzn-2023&epoch=2'
    );
    expect(pkg).toEqual({
      type: 'rpm',
      name: 'bash',
      version: '5.2.15-1.amzn2023.0.2',
      epoch: 2,
      arch: 'x86_64',
      licenses: [],
      purl: 'pkg:rpm/amzn/bash@5.2.15-1.amzn2023.0.2?arch=x86_64&distro=amzn-2023&epoch=2',
      location: 'doc.json',
    });
    expect(distro).toBe('amzn-2023');
  });

  it('takes the source from upstream, with its version when given as name@version', () => {
    expect(packageOf('pkg:deb/debian/libc6@2.36-9?upstream=glibc').pkg.source).toEqual({
      name: 'glibc',
    });
    expect(
      packageOf('pkg:deb/debian/bsdutils@1:2.38.1-5?upstream=util-linux%402.38.1-5').pkg.source
    ).toEqual({ name: 'util-linux', version: '2.38.1-5' });
  });

  it('lets the SBOM’s own source fields win over upstream', () => {
    const { pkg } = packageOf('pkg:deb/debian/libc6@2.36-9+b1?upstream=glibc', {
      source: { version: '2.36-9' },
    });
    expect(pkg.source).toEqual({ name: 'glibc', version: '2.36-9' });
    expect(
      packageOf('pkg:apk/alpine/busybox@1.36.1-r29', { source: { name: 'busybox' } }).pkg.source
    ).toEqual({ name: 'busybox' });
  });

  it('reads language packages by their ecosystem’s full name, and keeps other types out', () => {
    expect(packageFromEntry(entry('pkg:golang/golang.org/x/net@v0.1.0'), 'd', 'd')).toMatchObject({
      kind: 'package',
      pkg: { type: 'golang', name: 'golang.org/x/net', version: 'v0.1.0' },
    });
    expect(packageFromEntry(entry('pkg:maven/org.yaml/snakeyaml@1.33'), 'd', 'd')).toMatchObject({
      kind: 'package',
      pkg: { type: 'maven', name: 'org.yaml:snakeyaml', version: '1.33' },
    });
    expect(packageFromEntry(entry('pkg:github/actions/checkout@v4'), 'd', 'd')).toEqual({
      kind: 'other',
      type: 'github',
    });
    expect(packageFromEntry(entry('pkg:github/%ZZ@1'), 'd', 'd')).toEqual({
      kind: 'other',
      type: 'unreadable purl',
    });
  });

  it('refuses a language purl that does not parse, since its package would go unmatched', () => {
    expect(() => packageFromEntry(entry('pkg:npm/%ZZ@1'), 'd', 'd')).toThrow(/does not parse/);
  });
});
