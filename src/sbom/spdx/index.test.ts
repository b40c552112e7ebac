import { describe, expect, it } from 'vitest';
import {
  sampleManifestDigest,
  samplePackages,
  sampleSpdx,
} from '../../../test/harness/sample-sboms.js';
import { InputError } from '../../core/errors.js';
import type { Package } from '../../core/package.js';
import { reader } from './index.js';

/**
 * What our SPDX output carries of a package: no layer (SPDX has no field for one), no
 * maintainer, and the licences as one SPDX expression (or none when they are not one).
 */
function asStored(pkg: Package, licenses: string[]): Package {
  const copy = structuredClone(pkg);
  delete copy.maintainer;
  delete copy.layer;
  // SPDX has no field for it; the writer puts it in words in sourceInfo.
  delete copy.evidence;
  return { ...copy, licenses };
}

function readThrows(doc: unknown): InputError {
  try {
    reader.read(doc, 'stored/app.spdx.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('the document was read');
}

const declared: Record<string, string[]> = {
  busybox: ['GPL-2.0-only'],
  bsdutils: ['BSD-4-Clause AND GPL-2.0-or-later'],
  libc6: [],
  zlib1g: ['Zlib'],
  'openssl-libs': [],
  'org.acme:web': ['Apache-2.0'],
};

describe('the SPDX reader', () => {
  it('knows SPDX by its spdxVersion', () => {
    expect(reader.detect(sampleSpdx())).toBe(true);
    expect(reader.detect({ spdxVersion: 'SPDX-2.2' })).toBe(true);
    expect(reader.detect({ spdxVersion: 2.3 })).toBe(false);
    expect(reader.detect({ bomFormat: 'CycloneDX' })).toBe(false);
    expect(reader.detect(undefined)).toBe(false);
  });

  describe('reading our own output back', () => {
    const inventory = reader.read(sampleSpdx(), 'stored/debian.spdx.json');

    it('gives the same packages, purls, source packages and locations', () => {
      expect(inventory.packages).toEqual(
        samplePackages.map((pkg) => asStored(pkg, declared[pkg.name] ?? []))
      );
    });

    it('gives the OS from the OPERATING-SYSTEM package and the image from the CONTAINER one', () => {
      expect(inventory.os).toEqual({
        id: 'debian',
        versionId: '12',
        prettyName: 'Debian GNU/Linux 12 (bookworm)',
        idLike: [],
        distroless: false,
        source: 'SPDX OPERATING-SYSTEM package',
      });
      expect(inventory.artifact).toEqual({
        name: 'docker.io/library/debian:12',
        transport: 'registry',
        manifestDigest: sampleManifestDigest,
        layers: [],
      });
      expect(inventory.notes[0]).toBe(
        'packages as listed by stored/debian.spdx.json (SPDX-2.3, created 2024-05-01T12:00:00Z); the image itself was not read'
      );
    });
  });

  describe('reading a foreign SPDX 2.2 document', () => {
    const foreign = {
      spdxVersion: 'SPDX-2.2',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'alpine',
      creationInfo: { created: '2024-06-01T00:00:00Z', creators: ['Tool: other-1.0'] },
      documentDescribes: ['SPDXRef-image'],
      packages: [
        {
          SPDXID: 'SPDXRef-image',
          name: 'alpine:3.20',
          versionInfo: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          externalRefs: [
            {
              referenceCategory: 'PACKAGE_MANAGER',
              referenceType: 'purl',
              referenceLocator:
                'pkg:oci/alpine@sha256%3A0123?repository_url=index.docker.io%2Flibrary%2Falpine',
            },
          ],
        },
        {
          SPDXID: 'SPDXRef-musl',
          name: 'musl',
          versionInfo: '1.2.5-r0',
          supplier: 'Organization: Alpine',
          licenseDeclared: 'MIT',
          // Free text of another tool: not parsed, whatever it looks like.
          sourceInfo: 'listed in somewhere; built from source package nope 9',
          externalRefs: [
            {
              referenceCategory: 'SECURITY',
              referenceType: 'cpe23Type',
              referenceLocator: 'cpe:2.3:a:musl:musl:1.2.5:*:*:*:*:*:*:*',
            },
            {
              referenceCategory: 'PACKAGE_MANAGER',
              referenceType: 'purl',
              referenceLocator: 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3',
            },
          ],
        },
        { SPDXID: 'SPDXRef-loose', name: 'loose-file-package', licenseDeclared: 'NOASSERTION' },
        {
          SPDXID: 'SPDXRef-flask',
          name: 'flask',
          versionInfo: '3.0.0',
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: 'pkg:pypi/flask@3.0.0',
            },
          ],
        },
      ],
    };
    const inventory = reader.read(foreign, 'alpine.spdx.json');

    it('keeps the OS and language packages, by their purl', () => {
      expect(inventory.packages.filter((pkg) => pkg.type === 'pypi').length).toBe(1);
      expect(inventory.packages.filter((pkg) => pkg.type === 'apk')).toEqual([
        {
          type: 'apk',
          name: 'musl',
          version: '1.2.5-r0',
          arch: 'x86_64',
          licenses: ['MIT'],
          vendor: 'Alpine',
          purl: 'pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3',
          location: 'alpine.spdx.json',
        },
      ]);
    });

    it('takes the described package as the image and the OS from the distro qualifier', () => {
      expect(inventory.artifact).toEqual({
        name: 'alpine:3.20',
        transport: 'registry',
        manifestDigest: foreign.packages[0]!.versionInfo,
        layers: [],
      });
      expect(inventory.os).toMatchObject({ id: 'alpine', versionId: '3.20.3' });
    });

    it('notes what it left out', () => {
      expect(inventory.notes.slice(1)).toEqual([
        '1 package component has no package URL and was left out: there is nothing to match it by',
      ]);
    });
  });

  describe('refuses, naming the file and the place', () => {
    it('an SPDX version it does not read', () => {
      expect(readThrows({ spdxVersion: 'SPDX-2.1' }).message).toBe(
        'stored/app.spdx.json is SPDX-2.1; Palisade reads SPDX JSON SPDX-2.2, SPDX-2.3'
      );
    });

    it('an external reference without its locator', () => {
      const doc = sampleSpdx();
      const packages = doc['packages'] as { externalRefs?: Record<string, unknown>[] }[];
      delete packages[3]!.externalRefs![0]!['referenceLocator'];
      expect(readThrows(doc).message).toMatch(
        /^stored\/app\.spdx\.json is malformed: packages\.3\.externalRefs\.0\.referenceLocator: /
      );
    });

    it('a package without a name', () => {
      expect(
        readThrows({ spdxVersion: 'SPDX-2.3', packages: [{ SPDXID: 'SPDXRef-x' }] }).message
      ).toMatch(/^stored\/app\.spdx\.json is malformed: packages\.0\.name: /);
    });
  });
});
