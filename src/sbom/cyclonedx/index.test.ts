import { describe, expect, it } from 'vitest';
import {
  sampleCycloneDx,
  sampleManifestDigest,
  samplePackages,
} from '../../../test/harness/sample-sboms.js';
import { InputError } from '../../core/errors.js';
import type { Package } from '../../core/package.js';
import { reader } from './index.js';

/** What a CycloneDX BOM can carry of a package: everything but the maintainer. */
function asStored(pkg: Package): Package {
  const copy = structuredClone(pkg);
  delete copy.maintainer;
  return copy;
}

function readThrows(doc: unknown): InputError {
  try {
    reader.read(doc, 'stored/app.cdx.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('the document was read');
}

function bomWith(components: unknown[], specVersion = '1.5'): Record<string, unknown> {
  return { bomFormat: 'CycloneDX', specVersion, version: 1, components };
}

describe('the CycloneDX reader', () => {
  it('knows CycloneDX by its bomFormat and nothing else', () => {
    expect(reader.detect(sampleCycloneDx())).toBe(true);
    expect(reader.detect({ bomFormat: 'CycloneDX' })).toBe(true);
    expect(reader.detect({ spdxVersion: 'SPDX-2.3' })).toBe(false);
    expect(reader.detect([{ bomFormat: 'CycloneDX' }])).toBe(false);
    expect(reader.detect(null)).toBe(false);
    expect(reader.detect('CycloneDX')).toBe(false);
  });

  describe('reading our own output back', () => {
    const inventory = reader.read(sampleCycloneDx(), 'stored/debian.cdx.json');

    it('gives the same packages, purls, sources, locations and layers', () => {
      expect(inventory.packages).toEqual(samplePackages.map(asStored));
    });

    it('gives the OS from the operating-system component', () => {
      expect(inventory.os).toEqual({
        id: 'debian',
        versionId: '12',
        prettyName: 'Debian GNU/Linux 12 (bookworm)',
        idLike: [],
        distroless: false,
        source: 'CycloneDX operating-system component',
      });
    });

    it('names the image and its digest as the scan did', () => {
      expect(inventory.artifact).toEqual({
        name: 'docker.io/library/debian:12',
        transport: 'registry',
        manifestDigest: sampleManifestDigest,
        layers: [],
      });
    });

    it('says where the packages came from, and what could not be told', () => {
      expect(inventory.notes).toEqual([
        'packages as listed by stored/debian.cdx.json (CycloneDX 1.6, created 2024-05-01T12:00:00.000Z); the image itself was not read',
        '1 deb package has no source version in the SBOM, so its binary version was compared; it can differ from the source version advisories name',
      ]);
      expect(inventory.schemaVersion).toBe(1);
      expect(Date.parse(inventory.createdAt)).not.toBeNaN();
    });
  });

  describe('reading a foreign BOM', () => {
    const foreign = {
      bomFormat: 'CycloneDX',
      specVersion: '1.4',
      version: 1,
      metadata: {
        timestamp: 'not a time, and that is fine',
        component: { type: 'container', name: 'registry.example/shop/api', version: 'v1.2.3' },
      },
      components: [
        {
          type: 'library',
          name: 'libc6',
          version: '2.36-9+deb12u4',
          purl: 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=arm64&distro=debian-12&upstream=glibc%402.36-9%2Bdeb12u4',
          licenses: [{ expression: 'LGPL-2.1-or-later' }, { license: 7 }, 'junk'],
        },
        { type: 'library', name: 'vendored-thing', version: '1.0' },
        { type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' },
        {
          type: 'application',
          name: 'shop-api',
          purl: 'pkg:pypi/shop-api@2.0.0',
          components: [
            {
              type: 'library',
              name: 'zlib1g',
              version: '1:1.2.13.dfsg-1',
              purl: 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=arm64&distro=debian-12',
              supplier: { name: 'Debian' },
            },
          ],
        },
        { type: 'file', name: '/etc/passwd' },
      ],
    };
    const inventory = reader.read(foreign, 'foreign.json');

    it('keeps the language packages by their ecosystem’s name', () => {
      expect(
        inventory.packages
          .filter((pkg) => pkg.type !== 'deb')
          .map(({ type, name, version }) => ({ type, name, version }))
      ).toEqual([
        { type: 'npm', name: 'left-pad', version: '1.3.0' },
        { type: 'pypi', name: 'shop-api', version: '2.0.0' },
      ]);
    });

    it('keeps the OS packages, nested ones too, taking the source from upstream', () => {
      expect(inventory.packages.filter((pkg) => pkg.type === 'deb')).toEqual([
        {
          type: 'deb',
          name: 'libc6',
          version: '2.36-9+deb12u4',
          arch: 'arm64',
          source: { name: 'glibc', version: '2.36-9+deb12u4' },
          licenses: ['LGPL-2.1-or-later'],
          purl: foreign.components[0]!.purl,
          location: 'foreign.json',
        },
        {
          type: 'deb',
          name: 'zlib1g',
          version: '1:1.2.13.dfsg-1',
          arch: 'arm64',
          licenses: [],
          vendor: 'Debian',
          purl: 'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=arm64&distro=debian-12',
          location: 'foreign.json',
        },
      ]);
    });

    it('takes the OS from the distro qualifier when there is no OS component', () => {
      expect(inventory.os).toMatchObject({ id: 'debian', versionId: '12' });
    });

    it('keeps a version that is not a digest out of the manifest digest', () => {
      expect(inventory.artifact).toEqual({
        name: 'registry.example/shop/api',
        transport: 'sbom',
        layers: [],
      });
    });

    it('says what it left out, and why, in notes', () => {
      expect(inventory.notes.slice(1)).toEqual([
        '1 package component has no package URL and was left out: there is nothing to match it by',
        '1 deb package has no source version in the SBOM, so its binary version was compared; it can differ from the source version advisories name',
      ]);
    });
  });

  it('reads an rpm epoch, and says when the OS cannot be told', () => {
    const inventory = reader.read(
      bomWith([
        {
          type: 'library',
          name: 'openssl-libs',
          purl: 'pkg:rpm/redhat/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1',
        },
      ]),
      'rpm.json'
    );
    expect(inventory.packages[0]).toMatchObject({ epoch: 1, version: '3.0.7-27.el9' });
    expect(inventory.os).toBeUndefined();
    expect(inventory.notes.at(-1)).toMatch(/names no operating system.*cannot be matched/);
  });

  it('notes a vulnerabilities section it does not read', () => {
    const doc = { ...sampleCycloneDx(), vulnerabilities: [{ id: 'CVE-2024-1' }] };
    expect(reader.read(doc, 'x.json').notes).toContain(
      'the SBOM’s own vulnerabilities section was not read: findings are matched afresh'
    );
  });

  describe('refuses, naming the file and the place', () => {
    it('a CycloneDX version it does not read', () => {
      expect(readThrows(bomWith([], '1.2')).message).toBe(
        'stored/app.cdx.json is CycloneDX 1.2; Palisade reads CycloneDX JSON 1.4, 1.5, 1.6'
      );
    });

    it('a component whose purl is not a string', () => {
      expect(readThrows(bomWith([{ type: 'library', name: 'x', purl: 42 }])).message).toMatch(
        /^stored\/app\.cdx\.json: components\[0\] is malformed: purl: /
      );
    });

    it('an OS package purl with no version', () => {
      expect(
        readThrows(bomWith([{ type: 'library', name: 'bash', purl: 'pkg:deb/debian/bash' }]))
          .message
      ).toBe(
        'stored/app.cdx.json: components[0] (bash) has the package URL "pkg:deb/debian/bash" with no version, which matching needs'
      );
    });

    it('an OS package purl that does not parse', () => {
      expect(
        readThrows(bomWith([{ type: 'library', name: 'x', purl: 'pkg:apk/alpine/x%ZZ@1.0' }]))
          .message
      ).toMatch(
        /^stored\/app\.cdx\.json: components\[0\] \(x\) has a package URL that does not parse/
      );
    });

    it('an rpm epoch that is not a number', () => {
      expect(
        readThrows(bomWith([{ type: 'library', name: 'x', purl: 'pkg:rpm/rhel/x@1-1?epoch=one' }]))
          .message
      ).toBe(
        'stored/app.cdx.json: components[0] (x) has the rpm epoch "one", which is not a whole number'
      );
    });

    it('components nested too deep', () => {
      let nested: Record<string, unknown> = { type: 'library', name: 'leaf' };
      for (let depth = 0; depth < 40; depth += 1) {
        nested = { type: 'library', name: `level-${depth}`, components: [nested] };
      }
      expect(readThrows(bomWith([nested])).message).toMatch(
        /^stored\/app\.cdx\.json nests components more than 32 deep/
      );
    });

    it('more components than the limit', () => {
      const many = Array.from({ length: 250_001 }, () => ({}));
      expect(readThrows(bomWith(many)).message).toMatch(
        /^stored\/app\.cdx\.json is malformed: components: Too big/
      );
    });
  });
});
