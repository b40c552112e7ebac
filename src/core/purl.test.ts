import { PackageURL } from 'packageurl-js';
import { describe, expect, it } from 'vitest';
import type { OsInfo } from './os.js';
import type { PackageRecord } from './package.js';
import { joinLanguageName, osPackagePurl, packagePurl } from './purl.js';

function os(id: string, versionId?: string): OsInfo {
  return {
    id,
    ...(versionId === undefined ? {} : { versionId }),
    idLike: [],
    distroless: false,
    source: 'etc/os-release',
  };
}

function pkg(fields: Pick<PackageRecord, 'type' | 'name' | 'version'> & Partial<PackageRecord>) {
  return { licenses: [], ...fields } satisfies PackageRecord;
}

const debian12 = os('debian', '12');

/** The golden strings, each with the fields `PackageURL.fromString` must read back. */
const golden: {
  name: string;
  pkg: PackageRecord;
  os: OsInfo | undefined;
  purl: string;
}[] = [
  {
    name: 'deb: epoch kept in the version, arch, distro, upstream for a differing source',
    pkg: pkg({
      type: 'deb',
      name: 'libc6',
      version: '1:2.36-9',
      arch: 'amd64',
      source: { name: 'glibc', version: '2.36-9' },
    }),
    os: debian12,
    purl: 'pkg:deb/debian/libc6@1:2.36-9?arch=amd64&distro=debian-12&upstream=glibc',
  },
  {
    name: 'deb: no upstream when the source has the binary’s name',
    pkg: pkg({
      type: 'deb',
      name: 'bash',
      version: '5.2.15-2+b7',
      arch: 'amd64',
      source: { name: 'bash', version: '5.2.15-2' },
    }),
    os: debian12,
    purl: 'pkg:deb/debian/bash@5.2.15-2+b7?arch=amd64&distro=debian-12',
  },
  {
    name: 'deb: no upstream without a source, no arch without an arch',
    pkg: pkg({ type: 'deb', name: 'tzdata', version: '2024a-0+deb12u1' }),
    os: debian12,
    purl: 'pkg:deb/debian/tzdata@2024a-0+deb12u1?distro=debian-12',
  },
  {
    name: 'deb: the namespace is the os-release ID (ubuntu)',
    pkg: pkg({
      type: 'deb',
      name: 'libc6',
      version: '2.39-0ubuntu8.3',
      arch: 'amd64',
      source: { name: 'glibc' },
    }),
    os: os('ubuntu', '24.04'),
    purl: 'pkg:deb/ubuntu/libc6@2.39-0ubuntu8.3?arch=amd64&distro=ubuntu-24.04&upstream=glibc',
  },
  {
    name: 'deb: a + in the name is percent-encoded, in the version it is not',
    pkg: pkg({
      type: 'deb',
      name: 'libstdc++6',
      version: '12.2.0-14+deb12u1',
      arch: 'amd64',
      source: { name: 'gcc-12' },
    }),
    os: debian12,
    purl: 'pkg:deb/debian/libstdc%2B%2B6@12.2.0-14+deb12u1?arch=amd64&distro=debian-12&upstream=gcc-12',
  },
  {
    name: 'deb: an unknown OS falls back to the debian namespace, with no distro',
    pkg: pkg({ type: 'deb', name: 'libc6', version: '1:2.36-9', arch: 'arm64' }),
    os: undefined,
    purl: 'pkg:deb/debian/libc6@1:2.36-9?arch=arm64',
  },
  {
    name: 'deb: an OS without VERSION_ID (debian sid) gives no distro qualifier',
    pkg: pkg({ type: 'deb', name: 'libc6', version: '2.40-3', arch: 'amd64' }),
    os: os('debian'),
    purl: 'pkg:deb/debian/libc6@2.40-3?arch=amd64',
  },
  {
    name: 'apk: alpine namespace, arch and distro',
    pkg: pkg({
      type: 'apk',
      name: 'musl',
      version: '1.2.5-r0',
      arch: 'x86_64',
      source: { name: 'musl' },
    }),
    os: os('alpine', '3.20.3'),
    purl: 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3',
  },
  {
    name: 'apk: upstream when the origin differs; an unknown OS falls back to alpine',
    pkg: pkg({
      type: 'apk',
      name: 'libcrypto3',
      version: '3.3.2-r0',
      arch: 'aarch64',
      source: { name: 'openssl' },
    }),
    os: undefined,
    purl: 'pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=aarch64&upstream=openssl',
  },
  {
    name: 'apk: wolfi has no VERSION_ID, so no distro',
    pkg: pkg({ type: 'apk', name: 'glibc', version: '2.40-r3', arch: 'x86_64' }),
    os: os('wolfi'),
    purl: 'pkg:apk/wolfi/glibc@2.40-r3?arch=x86_64',
  },
  {
    name: 'rpm: a non-zero epoch is a qualifier, sorted after distro; amzn namespace',
    pkg: pkg({
      type: 'rpm',
      name: 'openssl-libs',
      version: '3.0.8-1.amzn2023.0.14',
      epoch: 1,
      arch: 'x86_64',
      source: { name: 'openssl', version: '3.0.8-1.amzn2023.0.14' },
    }),
    os: os('amzn', '2023'),
    purl: 'pkg:rpm/amzn/openssl-libs@3.0.8-1.amzn2023.0.14?arch=x86_64&distro=amzn-2023&epoch=1&upstream=openssl',
  },
  {
    name: 'rpm: epoch 0 is omitted',
    pkg: pkg({
      type: 'rpm',
      name: 'bash',
      version: '5.2.15-1.amzn2023.0.2',
      epoch: 0,
      arch: 'x86_64',
      source: { name: 'bash' },
    }),
    os: os('amzn', '2023'),
    purl: 'pkg:rpm/amzn/bash@5.2.15-1.amzn2023.0.2?arch=x86_64&distro=amzn-2023',
  },
  {
    name: 'rpm: an absent epoch is omitted',
    pkg: pkg({ type: 'rpm', name: 'bash', version: '5.1.8-9.el9', arch: 'x86_64' }),
    os: os('rocky', '9.4'),
    purl: 'pkg:rpm/rocky/bash@5.1.8-9.el9?arch=x86_64&distro=rocky-9.4',
  },
  {
    name: 'rpm: no namespace when the OS is unknown',
    pkg: pkg({ type: 'rpm', name: 'bash', version: '5.1.8-9.el9', epoch: 2, arch: 'x86_64' }),
    os: undefined,
    purl: 'pkg:rpm/bash@5.1.8-9.el9?arch=x86_64&epoch=2',
  },
  {
    name: 'rpm: a + in name and version (libstdc++, +git)',
    pkg: pkg({
      type: 'rpm',
      name: 'libstdc++',
      version: '11.4.1+git1-3.el9',
      arch: 'x86_64',
      source: { name: 'gcc' },
    }),
    os: os('rhel', '9.4'),
    purl: 'pkg:rpm/rhel/libstdc%2B%2B@11.4.1+git1-3.el9?arch=x86_64&distro=rhel-9.4&upstream=gcc',
  },
  {
    name: 'rpm: noarch with no qualifiers but arch',
    pkg: pkg({ type: 'rpm', name: 'tzdata', version: '2024a-1.el9', arch: 'noarch' }),
    os: undefined,
    purl: 'pkg:rpm/tzdata@2024a-1.el9?arch=noarch',
  },
];

describe('osPackagePurl', () => {
  for (const example of golden) {
    it(example.name, () => {
      expect(osPackagePurl(example.pkg, example.os)).toBe(example.purl);
    });
  }

  it('writes no qualifiers at all when there is nothing to qualify', () => {
    expect(osPackagePurl(pkg({ type: 'apk', name: 'musl', version: '1.2.5-r0' }), undefined)).toBe(
      'pkg:apk/alpine/musl@1.2.5-r0'
    );
  });

  it('round-trips through PackageURL.fromString', () => {
    for (const example of golden) {
      const parsed = PackageURL.fromString(example.purl);
      const distro = example.os?.versionId ? `${example.os.id}-${example.os.versionId}` : undefined;
      const sourceName = example.pkg.source?.name;
      expect(
        {
          type: parsed.type,
          namespace: parsed.namespace,
          name: parsed.name,
          version: parsed.version,
          qualifiers: parsed.qualifiers,
        },
        example.purl
      ).toEqual({
        type: example.pkg.type,
        namespace:
          example.os?.id ??
          ({ deb: 'debian', apk: 'alpine' } as Record<string, string | undefined>)[
            example.pkg.type
          ],
        name: example.pkg.name,
        version: example.pkg.version,
        qualifiers: {
          ...(example.pkg.arch ? { arch: example.pkg.arch } : {}),
          ...(distro ? { distro } : {}),
          ...(example.pkg.epoch ? { epoch: String(example.pkg.epoch) } : {}),
          ...(sourceName && sourceName !== example.pkg.name ? { upstream: sourceName } : {}),
        },
      });
      expect(parsed.toString()).toBe(example.purl);
    }
  });
});

describe('language package URLs', () => {
  const record = (type: PackageRecord['type'], name: string, version: string): PackageRecord => ({
    type,
    name,
    version,
    licenses: [],
  });

  it.each([
    ['npm', 'lodash', '4.17.20', 'pkg:npm/lodash@4.17.20'],
    ['npm', '@babel/core', '7.24.0', 'pkg:npm/%40babel/core@7.24.0'],
    ['pypi', 'jinja2', '2.10', 'pkg:pypi/jinja2@2.10'],
    ['golang', 'github.com/gin-gonic/gin', 'v1.9.0', 'pkg:golang/github.com/gin-gonic/gin@v1.9.0'],
    ['golang', 'stdlib', '1.21.5', 'pkg:golang/stdlib@1.21.5'],
    [
      'maven',
      'org.apache.logging.log4j:log4j-core',
      '2.14.1',
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    ],
    ['gem', 'rails', '7.0.4', 'pkg:gem/rails@7.0.4'],
    ['cargo', 'serde', '1.0.197', 'pkg:cargo/serde@1.0.197'],
    ['nuget', 'Newtonsoft.Json', '13.0.1', 'pkg:nuget/Newtonsoft.Json@13.0.1'],
    ['composer', 'symfony/http-kernel', '6.2.0', 'pkg:composer/symfony/http-kernel@6.2.0'],
  ] as const)('%s %s@%s is %s, and reads back to the same name', (type, name, version, purl) => {
    expect(packagePurl(record(type, name, version), undefined)).toBe(purl);
    const parsed = PackageURL.fromString(purl);
    expect(joinLanguageName(parsed.type, parsed.namespace ?? undefined, parsed.name)).toBe(name);
  });

  it('keeps OS packages on the OS convention', () => {
    expect(packagePurl(record('deb', 'bash', '5.2.15-2'), undefined)).toBe(
      'pkg:deb/debian/bash@5.2.15-2'
    );
    expect(() => osPackagePurl(record('npm', 'lodash', '1.0.0'), undefined)).toThrow(
      /not an OS package type/
    );
  });
});
