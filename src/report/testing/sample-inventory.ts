import type { Finding } from '../../core/finding.js';
import type { Inventory, VulnerabilityReport } from '../../core/inventory.js';
import type { LayerRef, Package } from '../../core/package.js';

/**
 * A small, fixed inventory for the format tests. It mixes ecosystems on purpose (no real image
 * has deb, apk and rpm side by side) so one fixture covers dpkg epochs and source packages,
 * an apk, an rpm whose epoch lives outside its version, and a jar nested in a war. Each purl follows `core/purl.ts`
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
    type: 'maven',
    name: 'org.acme:web',
    version: '1.0.0',
    licenses: ['Apache-2.0'],
    purl: 'pkg:maven/org.acme/web@1.0.0',
    location: 'srv/app.war',
    evidence: 'WEB-INF/lib/web-1.0.0.jar!/META-INF/maven/org.acme/web/pom.properties',
    layer: top,
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

/**
 * A vulnerability report for the sample packages, worst first as the matcher sorts it: one
 * finding of each severity the feeds give (critical, high, medium, low, and an unrated Alpine
 * one), one with no fix (zlib, `will-not-fix`), one set aside by an ignore file, and one package
 * that could not be judged. The advisory data is made up, shaped like the real feeds'.
 */
export function sampleVulnerabilities(): VulnerabilityReport {
  return {
    database: {
      builtAt: '2024-04-30T06:00:00.000Z',
      sources: ['alpine-secdb', 'debian-tracker', 'osv'],
    },
    findings: [
      sampleFinding('zlib1g', {
        id: 'CVE-2023-45853',
        aliases: [],
        advisories: ['CVE-2023-45853'],
        installedVersion: '1:1.2.13.dfsg-1',
        status: 'will-not-fix',
        severity: 'critical',
        severitySource: 'debian',
        cvss: {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          score: 9.8,
        },
        title:
          'MiniZip in zlib through 1.3 has an integer overflow and resultant heap-based buffer overflow in zipOpenNewFileInZip4_64',
        references: [
          'https://security-tracker.debian.org/tracker/CVE-2023-45853',
          'https://github.com/madler/zlib/pull/843',
        ],
      }),
      sampleFinding('libc6', {
        id: 'CVE-2024-2961',
        aliases: ['DSA-5673-1'],
        advisories: ['CVE-2024-2961', 'DSA-5673-1'],
        installedVersion: '2.36-9+deb12u7',
        fixedVersion: '2.36-9+deb12u9',
        status: 'fixed',
        severity: 'high',
        severitySource: 'debian',
        title: 'glibc: out-of-bounds write in iconv ISO-2022-CN-EXT',
        references: [
          'https://security-tracker.debian.org/tracker/CVE-2024-2961',
          'https://www.openwall.com/lists/oss-security/2024/04/17/9',
        ],
      }),
      sampleFinding('libc6', {
        id: 'CVE-2024-33599',
        aliases: [],
        advisories: ['CVE-2024-33599'],
        installedVersion: '2.36-9+deb12u7',
        fixedVersion: '2.36-9+deb12u9',
        status: 'fixed',
        severity: 'medium',
        severitySource: 'debian',
        title: 'glibc: stack-based buffer overflow in netgroup cache',
        references: ['https://security-tracker.debian.org/tracker/CVE-2024-33599'],
      }),
      sampleFinding('openssl-libs', {
        id: 'CVE-2024-5535',
        aliases: [],
        advisories: ['CVE-2024-5535'],
        installedVersion: '1:3.0.7-27.el9',
        fixedVersion: '1:3.0.7-28.el9',
        status: 'fixed',
        severity: 'low',
        severitySource: 'osv',
        title: 'openssl: SSL_select_next_proto buffer overread',
        references: ['https://access.redhat.com/security/cve/CVE-2024-5535'],
      }),
      sampleFinding('busybox', {
        id: 'CVE-2023-42366',
        aliases: [],
        advisories: ['CVE-2023-42366'],
        installedVersion: '1.36.1-r29',
        fixedVersion: '1.36.1-r30',
        status: 'fixed',
        severity: 'unknown',
        severitySource: 'none',
        references: [],
      }),
    ],
    suppressed: [
      {
        finding: sampleFinding('libc6', {
          id: 'CVE-2010-4756',
          aliases: [],
          advisories: ['CVE-2010-4756'],
          installedVersion: '2.36-9+deb12u7',
          status: 'affected',
          severity: 'negligible',
          severitySource: 'debian',
          title: 'glibc: glob implementation can cause excessive CPU and memory consumption',
          references: ['https://security-tracker.debian.org/tracker/CVE-2010-4756'],
        }),
        by: 'ignore-file',
        reason: 'no service in this image calls glob() on user input',
      },
    ],
    unknowns: [
      {
        purl: samplePackage('bsdutils').purl,
        reason: 'the dpkg scheme could not read its source version',
      },
    ],
  };
}

/** The sample inventory as a scan that also matched advisories reports it. */
export function sampleInventoryWithVulnerabilities(): Inventory {
  return { ...sampleInventory(), vulnerabilities: sampleVulnerabilities() };
}

/** One of `samplePackages`, by name, as a finding quotes it, with the matcher's other fields. */
function sampleFinding(packageName: string, fields: Omit<Finding, 'package'>): Finding {
  const { type, name, version, purl, location, layer } = samplePackage(packageName);
  const quoted = { type, name, version, purl, location, ...(layer ? { layer: { ...layer } } : {}) };
  return { ...fields, package: quoted };
}

export function samplePackage(name: string): Package {
  const pkg = samplePackages.find((candidate) => candidate.name === name);
  if (!pkg) {
    throw new Error(`no sample package ${name}`);
  }
  return pkg;
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
