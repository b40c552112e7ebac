import { describe, expect, it } from 'vitest';
import { spdxDocumentSchema } from '../../../test/schemas/spdx-2.3.js';
import type { Inventory } from '../../core/inventory.js';
import type { Package } from '../../core/package.js';
import {
  sampleInventory,
  sampleManifestDigest,
  samplePackages,
  withoutLayers,
} from '../testing/sample-inventory.js';
import type { SpdxDocument } from './spdx-document.js';
import { spdxFormat } from './spdx-format.js';
import { spdxIdPattern } from './spdx-ids.js';

function render(inventory: Inventory, now?: Date): string {
  return spdxFormat.render(inventory, { color: false, ...(now ? { now } : {}) });
}

function parse(text: string): SpdxDocument {
  return JSON.parse(text) as SpdxDocument;
}

/** The SPDX 2.3 model in test/schemas (no copy of the official JSON schema is available offline). */
function expectValid(text: string): void {
  const result = spdxDocumentSchema.safeParse(JSON.parse(text));
  expect(result.success ? [] : result.error.issues).toEqual([]);
}

function packageNamed(doc: SpdxDocument, name: string) {
  const found = doc.packages.find((pkg) => pkg.name === name);
  if (!found) {
    throw new Error(`no package ${name}`);
  }
  return found;
}

describe('spdx format', () => {
  const text = render(sampleInventory());
  const doc = parse(text);

  it('is a valid SPDX 2.3 document', () => {
    expectValid(text);
  });

  it('has the document header SPDX 2.3 requires', () => {
    expect(doc.spdxVersion).toBe('SPDX-2.3');
    expect(doc.dataLicense).toBe('CC0-1.0');
    expect(doc.SPDXID).toBe('SPDXRef-DOCUMENT');
    expect(doc.name).toBe('docker.io/library/debian:12');
    expect(doc.creationInfo).toEqual({
      created: '2024-05-01T12:00:00Z',
      creators: ['Tool: palisade-0.1.0'],
    });
    expect(doc.documentNamespace).toMatch(
      /^https:\/\/palisade\.invalid\/spdx\/registry\/docker\.io-library-debian-12-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
  });

  it('is reproducible, and a new time or a new scan gives a new namespace', () => {
    expect(render(sampleInventory())).toBe(text);
    const later = parse(render(sampleInventory(), new Date('2025-01-02T03:04:05.678Z')));
    expect(later.creationInfo.created).toBe('2025-01-02T03:04:05Z');
    expect(later.documentNamespace).not.toBe(doc.documentNamespace);
    const rescan = parse(render({ ...sampleInventory(), createdAt: '2024-05-02T00:00:00.000Z' }));
    expect(rescan.documentNamespace).not.toBe(doc.documentNamespace);
  });

  it('describes the image as a CONTAINER with its purl', () => {
    expect(doc.packages[0]).toEqual({
      SPDXID: 'SPDXRef-Image',
      name: 'docker.io/library/debian:12',
      versionInfo: sampleManifestDigest,
      supplier: 'NOASSERTION',
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: `pkg:oci/debian@${sampleManifestDigest}?arch=amd64&repository_url=docker.io%2Flibrary%2Fdebian&tag=12`,
        },
      ],
      primaryPackagePurpose: 'CONTAINER',
    });
  });

  it('lists the OS as an OPERATING-SYSTEM package', () => {
    expect(doc.packages[1]).toMatchObject({
      SPDXID: 'SPDXRef-OperatingSystem',
      name: 'debian',
      versionInfo: '12',
      description: 'Debian GNU/Linux 12 (bookworm)',
      primaryPackagePurpose: 'OPERATING-SYSTEM',
    });
  });

  it('lists each package as a LIBRARY with its exact purl and version', () => {
    const libraries = doc.packages.filter((pkg) => pkg.primaryPackagePurpose === 'LIBRARY');
    expect(
      libraries.map((pkg) => [pkg.name, pkg.versionInfo, pkg.externalRefs?.[0]?.referenceLocator])
    ).toEqual(samplePackages.map((pkg) => [pkg.name, expect.any(String) as unknown, pkg.purl]));
    expect(packageNamed(doc, 'bsdutils').versionInfo).toBe('1:2.38.1-5+deb12u1');
    expect(packageNamed(doc, 'openssl-libs').versionInfo).toBe('1:3.0.7-27.el9');
    for (const pkg of libraries) {
      expect(pkg.externalRefs).toEqual([
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: expect.stringMatching(/^pkg:/) as unknown,
        },
      ]);
      expect(pkg.downloadLocation).toBe('NOASSERTION');
      expect(pkg.licenseConcluded).toBe('NOASSERTION');
    }
  });

  it('gives every element a unique, well-formed SPDX id', () => {
    const ids = doc.packages.map((pkg) => pkg.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(spdxIdPattern);
    }
    expect(packageNamed(doc, 'libc6').SPDXID).toMatch(/^SPDXRef-Package-deb-libc6-[0-9a-f]{16}$/);
  });

  it('declares licences that are SPDX expressions, and NOASSERTION otherwise', () => {
    expect(packageNamed(doc, 'busybox').licenseDeclared).toBe('GPL-2.0-only');
    expect(packageNamed(doc, 'bsdutils').licenseDeclared).toBe('BSD-4-Clause AND GPL-2.0-or-later');
    expect(packageNamed(doc, 'zlib1g').licenseDeclared).toBe('Zlib');
    // `GPL-2` is Debian's short name, not an SPDX id: no partial answer.
    expect(packageNamed(doc, 'libc6').licenseDeclared).toBe('NOASSERTION');
    expect(packageNamed(doc, 'openssl-libs').licenseDeclared).toBe('NOASSERTION');
  });

  it('names the vendor as supplier, and NOASSERTION when there is none', () => {
    expect(packageNamed(doc, 'openssl-libs').supplier).toBe('Organization: Red Hat, Inc.');
    expect(packageNamed(doc, 'libc6').supplier).toBe('NOASSERTION');
  });

  it('says where each package was found and what it was built from', () => {
    expect(packageNamed(doc, 'bsdutils').sourceInfo).toBe(
      `listed in var/lib/dpkg/status in layer sha256:${'a1'.repeat(32)}; built from source package util-linux 2.38.1-5+deb12u1`
    );
    expect(packageNamed(doc, 'org.acme:web').sourceInfo).toBe(
      `listed in srv/app.war in layer sha256:${'a3'.repeat(32)}; named by WEB-INF/lib/web-1.0.0.jar!/META-INF/maven/org.acme/web/pom.properties`
    );
  });

  it('relates the document to the image and the image to everything in it', () => {
    const [image, ...contents] = doc.packages.map((pkg) => pkg.SPDXID);
    expect(doc.relationships).toEqual([
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: image,
      },
      ...contents.map((id) => ({
        spdxElementId: image,
        relationshipType: 'CONTAINS',
        relatedSpdxElement: id,
      })),
    ]);
    expect(contents).toHaveLength(1 + samplePackages.length);
  });

  it('writes one package for records that share a purl', () => {
    const libc = samplePackages[2]!;
    const twin: Package = { ...libc, location: 'var/lib/dpkg/status.d/libc6' };
    const output = render({ ...sampleInventory(), packages: [libc, twin] });
    const deduped = parse(output);
    expect(deduped.packages.filter((pkg) => pkg.name === 'libc6')).toHaveLength(1);
    expect(packageNamed(deduped, 'libc6').sourceInfo).toContain(
      'var/lib/dpkg/status in layer sha256:'
    );
    expect(packageNamed(deduped, 'libc6').sourceInfo).toContain('var/lib/dpkg/status.d/libc6');
    expectValid(output);
  });

  it('keeps ids unique and valid when names sanitise to the same text', () => {
    const base = samplePackages[2]!;
    const packages: Package[] = [
      { ...base, name: 'libstdc++6', purl: 'pkg:deb/debian/libstdc%2B%2B6@12.2.0-14?arch=amd64' },
      { ...base, name: 'libstdc__6', purl: 'pkg:deb/debian/libstdc__6@12.2.0-14?arch=amd64' },
      {
        ...base,
        name: 'пакет',
        purl: 'pkg:deb/debian/%D0%BF%D0%B0%D0%BA%D0%B5%D1%82@1?arch=amd64',
      },
    ];
    const output = render({ ...sampleInventory(), packages });
    const ids = parse(output).packages.map((pkg) => pkg.SPDXID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(2)).toEqual([
      expect.stringMatching(/^SPDXRef-Package-deb-libstdc-6-[0-9a-f]{16}$/),
      expect.stringMatching(/^SPDXRef-Package-deb-libstdc-6-[0-9a-f]{16}$/),
      expect.stringMatching(/^SPDXRef-Package-deb-[0-9a-f]{16}$/),
    ]);
    expectValid(output);
  });

  it('handles a dir: scan with no digest, no layers and no OS', () => {
    const inventory: Inventory = {
      ...sampleInventory(),
      artifact: { name: 'dir:/rootfs', transport: 'dir', layers: [] },
      packages: withoutLayers(samplePackages),
    };
    delete inventory.os;
    const output = render(inventory);
    const dirDoc = parse(output);
    expect(dirDoc.packages[0]).not.toHaveProperty('versionInfo');
    expect(dirDoc.packages[0]).not.toHaveProperty('externalRefs');
    expect(dirDoc.packages.some((pkg) => pkg.primaryPackagePurpose === 'OPERATING-SYSTEM')).toBe(
      false
    );
    expect(dirDoc.documentNamespace).toMatch(
      /^https:\/\/palisade\.invalid\/spdx\/dir\/dir-rootfs-/
    );
    expect(packageNamed(dirDoc, 'libc6').sourceInfo).toBe(
      'listed in var/lib/dpkg/status; built from source package glibc 2.36-9+deb12u7'
    );
    expectValid(output);
  });
});

describe('the SPDX 2.3 test model', () => {
  // The model is only worth something if it rejects what SPDX forbids.
  const valid = JSON.parse(render(sampleInventory())) as Record<string, unknown> & SpdxDocument;

  function rejects(mutate: (doc: SpdxDocument & Record<string, unknown>) => void): boolean {
    const doc = structuredClone(valid);
    mutate(doc);
    return !spdxDocumentSchema.safeParse(doc).success;
  }

  it('accepts the unmodified document', () => {
    expect(spdxDocumentSchema.safeParse(valid).success).toBe(true);
  });

  it('rejects what the specification forbids', () => {
    expect(rejects((doc) => (doc['extra'] = 1))).toBe(true);
    expect(rejects((doc) => (doc.packages[2]!.SPDXID = doc.packages[3]!.SPDXID))).toBe(true);
    expect(rejects((doc) => (doc.packages[2]!.SPDXID = 'SPDXRef-with_underscore'))).toBe(true);
    expect(rejects((doc) => (doc.relationships[1]!.relatedSpdxElement = 'SPDXRef-Missing'))).toBe(
      true
    );
    expect(rejects((doc) => (doc.relationships = doc.relationships.slice(1)))).toBe(true);
    expect(rejects((doc) => (doc.packages[2]!.licenseDeclared = 'MIT and BSD-2-Clause'))).toBe(
      true
    );
    expect(rejects((doc) => (doc.packages[2]!.licenseDeclared = 'GPL-2'))).toBe(true);
    expect(rejects((doc) => (doc.packages[2]!.licenseDeclared = 'LicenseRef-undeclared'))).toBe(
      true
    );
    expect(rejects((doc) => (doc.creationInfo.created = '2024-05-01T12:00:00.000Z'))).toBe(true);
    expect(rejects((doc) => (doc.creationInfo.creators = []))).toBe(true);
    expect(rejects((doc) => (doc.documentNamespace = 'https://example.com/doc#1'))).toBe(true);
    expect(rejects((doc) => (doc.packages[2]!.supplier = 'Red Hat'))).toBe(true);
    expect(
      rejects((doc) => (doc.packages[1]!.primaryPackagePurpose = 'OPERATING_SYSTEM' as 'LIBRARY'))
    ).toBe(true);
    expect(
      rejects(
        (doc) =>
          delete (doc.packages[2] as Partial<SpdxDocument['packages'][number]>).downloadLocation
      )
    ).toBe(true);
  });
});
