import type { Inventory } from '../../core/inventory.js';
import type { LayerRef, Package } from '../../core/package.js';

/**
 * A small, fixed inventory for the format tests. It mixes ecosystems on purpose (no real image
 * has deb, apk and rpm side by side) so one fixture covers dpkg epochs and source packages,
 * an apk, and an rpm whose epoch lives outside its version. Each purl follows `core/purl.ts`
 * for the package's home distribution.
 */
export const sampleLayers: LayerRef[] = [
  { index: 0, digest: digest('a1'), diffId: digest('d1') },
  { index: 1, digest: digest('a2'), diffId: digest('d2') },
  { index: 2, digest: digest('a3'), diffId: digest('d3') },
];

export const sampleManifestDigest = digest('ee');

const [base, middle, top] = sampleLayers as [LayerRef, LayerRef, LayerRef];

export const samplePackages: Package[] = [
  {
    type: 'apk',
    name: 'busybox',
    version: '1.36.1-r29',
    arch: 'x86_64',
    source: { name: 'busybox', version: '1.36.1-r29' },
    licenses: ['GPL-2.0-only'],
    purl: 'pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20.3',
    location: 'lib/apk/db/installed',
    layer: top,
  },
  {
    type: 'deb',
    name: 'bsdutils',
    version: '1:2.38.1-5+deb12u1',
    arch: 'amd64',
    source: { name: 'util-linux', version: '2.38.1-5+deb12u1' },
    licenses: ['BSD-4-Clause', 'GPL-2.0-or-later'],
    maintainer: 'util-linux packagers <util-linux@packages.debian.org>',
    purl: 'pkg:deb/debian/bsdutils@1:2.38.1-5+deb12u1?arch=amd64&distro=debian-12&upstream=util-linux',
    location: 'var/lib/dpkg/status',
    layer: base,
  },
  {
    type: 'deb',
    name: 'libc6',
    version: '2.36-9+deb12u7',
    arch: 'amd64',
    source: { name: 'glibc', version: '2.36-9+deb12u7' },
    licenses: ['GPL-2', 'LGPL-2.1'],
    maintainer: 'GNU Libc Maintainers <debian-glibc@lists.debian.org>',
    purl: 'pkg:deb/debian/libc6@2.36-9+deb12u7?arch=amd64&distro=debian-12&upstream=glibc',
    location: 'var/lib/dpkg/status',
    layer: base,
  },
  {
    type: 'deb',
    name: 'zlib1g',
    version: '1:1.2.13.dfsg-1',
    arch: 'amd64',
    source: { name: 'zlib' },
    licenses: ['Zlib'],
    purl: 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib',
    location: 'var/lib/dpkg/status',
    layer: middle,
  },
  {
    type: 'rpm',
    name: 'openssl-libs',
    version: '3.0.7-27.el9',
    epoch: 1,
    arch: 'x86_64',
    source: { name: 'openssl', version: '3.0.7-27.el9' },
    licenses: ['ASL 2.0'],
    vendor: 'Red Hat, Inc.',
    purl: 'pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.4&epoch=1&upstream=openssl',
    location: 'var/lib/rpm/rpmdb.sqlite',
    layer: top,
  },
];

export function sampleInventory(): Inventory {
  return {
    schemaVersion: 1,
    tool: { name: 'palisade', version: '0.1.0' },
    createdAt: '2024-05-01T12:00:00.000Z',
    artifact: {
      name: 'docker.io/library/debian:12',
      transport: 'registry',
      manifestDigest: sampleManifestDigest,
      indexDigest: digest('1d'),
      configDigest: digest('cf'),
      platform: { os: 'linux', architecture: 'amd64' },
      layers: sampleLayers.map((layer) => ({ ...layer })),
      created: '2024-04-23T00:00:00Z',
    },
    os: {
      id: 'debian',
      versionId: '12',
      codename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      idLike: [],
      distroless: false,
      source: 'etc/os-release',
    },
    packages: samplePackages.map((pkg) => structuredClone(pkg)),
    notes: ['usr/share/doc/big-file was larger than 64 MiB and was not read'],
  };
}

/** `sha256:` and 64 hex digits made of one repeated byte, easy to tell apart in output. */
export function digest(byte: string): string {
  return `sha256:${byte.repeat(32)}`;
}

/** The packages as a `dir:` scan reports them: no layers. */
export function withoutLayers(packages: readonly Package[]): Package[] {
  return packages.map((pkg) => {
    const copy = structuredClone(pkg);
    delete copy.layer;
    return copy;
  });
}
