import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../core/inventory.js';
import type { Package } from '../../core/package.js';
import {
  sampleInventory,
  sampleManifestDigest,
  samplePackages,
  withoutLayers,
} from '../testing/sample-inventory.js';
import { cyclonedxFormat } from './cyclonedx-format.js';

interface CdxProperty {
  name: string;
  value: string;
}
interface CdxComponent {
  type: string;
  name: string;
  group?: string;
  version?: string;
  'bom-ref'?: string;
  purl?: string;
  description?: string;
  supplier?: { name?: string };
  licenses?: ({ license: { id?: string; name?: string } } | { expression: string })[];
  properties?: CdxProperty[];
}
interface CdxBom {
  bomFormat: string;
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    tools: { components: CdxComponent[] };
    component: CdxComponent;
  };
  components: CdxComponent[];
  dependencies: { ref: string; dependsOn?: string[] }[];
}

const imagePurl = `pkg:oci/debian@${sampleManifestDigest}?arch=amd64&repository_url=docker.io%2Flibrary%2Fdebian&tag=12`;
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

function render(inventory: Inventory, now?: Date): string {
  return cyclonedxFormat.render(inventory, { color: false, ...(now ? { now } : {}) });
}

function parse(text: string): CdxBom {
  return JSON.parse(text) as CdxBom;
}

function component(bom: CdxBom, name: string): CdxComponent {
  const found = bom.components.find((candidate) => candidate.name === name);
  if (!found) {
    throw new Error(`no component ${name}`);
  }
  return found;
}

function properties(item: CdxComponent): [string, string][] {
  return (item.properties ?? []).map(({ name, value }) => [name, value]);
}

describe('cyclonedx format', () => {
  const text = render(sampleInventory());
  const bom = parse(text);

  it('is valid CycloneDX 1.6 by the library’s strict JSON schema', async () => {
    expect(await validator.validate(text)).toBeNull();
  });

  it('is CycloneDX 1.6 with a urn:uuid serial number and the scan time', () => {
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    expect(bom.version).toBe(1);
    expect(bom.serialNumber).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
    expect(bom.metadata.timestamp).toBe('2024-05-01T12:00:00.000Z');
    expect(bom.metadata.tools.components).toEqual([
      { type: 'application', name: 'palisade', version: '0.1.0' },
    ]);
  });

  it('is reproducible, and takes its time from the context when given', () => {
    expect(render(sampleInventory())).toBe(text);
    const later = parse(render(sampleInventory(), new Date('2025-01-02T03:04:05Z')));
    expect(later.metadata.timestamp).toBe('2025-01-02T03:04:05.000Z');
    expect(later.serialNumber).not.toBe(bom.serialNumber);
    const otherScan = parse(
      render({ ...sampleInventory(), createdAt: '2024-05-02T00:00:00.000Z' })
    );
    expect(otherScan.serialNumber).not.toBe(bom.serialNumber);
  });

  it('describes the image as a container pinned by its manifest digest', () => {
    expect(bom.metadata.component).toEqual({
      type: 'container',
      name: 'docker.io/library/debian:12',
      version: sampleManifestDigest,
      'bom-ref': imagePurl,
      purl: imagePurl,
    });
  });

  it('lists the OS as an operating-system component', () => {
    expect(bom.components[0]).toEqual({
      type: 'operating-system',
      name: 'debian',
      version: '12',
      'bom-ref': 'palisade:os:debian@12',
      description: 'Debian GNU/Linux 12 (bookworm)',
      properties: [{ name: 'palisade:os:distroless', value: 'false' }],
    });
  });

  it('lists each package as a library whose bom-ref is its exact purl', () => {
    const libraries = bom.components.filter((item) => item.type === 'library');
    expect(libraries.map((item) => [item.name, item.version, item.purl])).toEqual([
      [
        'busybox',
        '1.36.1-r29',
        'pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=alpine-3.20.3',
      ],
      [
        'bsdutils',
        '1:2.38.1-5+deb12u1',
        'pkg:deb/debian/bsdutils@1:2.38.1-5+deb12u1?arch=amd64&distro=debian-12&upstream=util-linux',
      ],
      [
        'libc6',
        '2.36-9+deb12u7',
        'pkg:deb/debian/libc6@2.36-9+deb12u7?arch=amd64&distro=debian-12&upstream=glibc',
      ],
      [
        'zlib1g',
        '1:1.2.13.dfsg-1',
        'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib',
      ],
      ['web', '1.0.0', 'pkg:maven/org.acme/web@1.0.0'],
      [
        'openssl-libs',
        '1:3.0.7-27.el9',
        'pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9.4&epoch=1&upstream=openssl',
      ],
    ]);
    expect(libraries.find((item) => item.name === 'web')?.group).toBe('org.acme');
    for (const item of libraries) {
      expect(item['bom-ref']).toBe(item.purl);
    }
  });

  it('records layer, location and source package as palisade properties', () => {
    expect(properties(component(bom, 'bsdutils'))).toEqual([
      ['palisade:layer:digest', `sha256:${'a1'.repeat(32)}`],
      ['palisade:layer:diffId', `sha256:${'d1'.repeat(32)}`],
      ['palisade:layer:index', '0'],
      ['palisade:package:location', 'var/lib/dpkg/status'],
      ['palisade:package:source-name', 'util-linux'],
      ['palisade:package:source-version', '2.38.1-5+deb12u1'],
    ]);
    // zlib's source has no version of its own: no empty property.
    expect(properties(component(bom, 'zlib1g')).map(([name]) => name)).not.toContain(
      'palisade:package:source-version'
    );
  });

  it('turns SPDX ids into ids and anything else into names', () => {
    expect(component(bom, 'busybox').licenses).toEqual([{ license: { id: 'GPL-2.0-only' } }]);
    expect(component(bom, 'bsdutils').licenses).toEqual([
      { license: { id: 'BSD-4-Clause' } },
      { license: { id: 'GPL-2.0-or-later' } },
    ]);
    expect(component(bom, 'libc6').licenses).toEqual([
      { license: { name: 'GPL-2' } },
      { license: { id: 'LGPL-2.1' } },
    ]);
    expect(component(bom, 'openssl-libs').licenses).toEqual([{ license: { name: 'ASL 2.0' } }]);
    expect(component(bom, 'openssl-libs').supplier).toEqual({ name: 'Red Hat, Inc.' });
  });

  it('writes licences that need operators as one SPDX expression', async () => {
    const licensed = (licenses: string[]): Package => ({ ...samplePackages[0]!, licenses });
    const cases: [string[], CdxComponent['licenses']][] = [
      [['MIT and BSD-2-Clause'], [{ expression: 'MIT AND BSD-2-Clause' }]],
      [['Apache-2.0+'], [{ expression: 'Apache-2.0+' }]],
      [
        ['MIT', 'GPL-2.0-or-later WITH Classpath-exception-2.0'],
        [{ expression: 'MIT AND GPL-2.0-or-later WITH Classpath-exception-2.0' }],
      ],
      [['MIT OR Apache-2.0', 'Zlib'], [{ expression: '(MIT OR Apache-2.0) AND Zlib' }]],
      [
        ['MIT OR Apache-2.0', 'Public Domain'],
        [{ license: { name: 'MIT OR Apache-2.0' } }, { license: { name: 'Public Domain' } }],
      ],
      [['mit'], [{ license: { id: 'MIT' } }]],
    ];
    for (const [licenses, expected] of cases) {
      const output = render({ ...sampleInventory(), packages: [licensed(licenses)] });
      expect(component(parse(output), 'busybox').licenses, licenses.join(' | ')).toEqual(expected);
      expect(await validator.validate(output)).toBeNull();
    }
  });

  it('makes the image depend on the OS and on every package', () => {
    const image = bom.dependencies.find((dependency) => dependency.ref === imagePurl);
    expect(image?.dependsOn).toEqual([
      'palisade:os:debian@12',
      ...samplePackages.map((pkg) => pkg.purl),
    ]);
    const refs = new Set([imagePurl, ...bom.components.map((item) => item['bom-ref'])]);
    expect(new Set(bom.dependencies.map((dependency) => dependency.ref))).toEqual(refs);
  });

  it('writes one component for records that share a purl, keeping both locations', async () => {
    const libc = samplePackages[2]!;
    const twin: Package = {
      ...libc,
      location: 'var/lib/dpkg/status.d/libc6',
      layer: sampleInventory().artifact.layers[2]!,
    };
    const output = render({ ...sampleInventory(), packages: [libc, twin] });
    const deduped = parse(output);
    expect(deduped.components.filter((item) => item.type === 'library')).toHaveLength(1);
    expect(
      properties(component(deduped, 'libc6')).filter(
        ([name]) => name === 'palisade:package:location'
      )
    ).toEqual([
      ['palisade:package:location', 'var/lib/dpkg/status'],
      ['palisade:package:location', 'var/lib/dpkg/status.d/libc6'],
    ]);
    expect(await validator.validate(output)).toBeNull();
  });

  it('has no purl for a dir: scan, which has no digest, and no OS when none was found', async () => {
    const inventory: Inventory = {
      ...sampleInventory(),
      artifact: { name: 'dir:/rootfs', transport: 'dir', layers: [] },
      packages: withoutLayers(samplePackages),
    };
    delete inventory.os;
    const output = render(inventory);
    const dirBom = parse(output);
    expect(dirBom.metadata.component).toEqual({
      type: 'container',
      name: 'dir:/rootfs',
      'bom-ref': 'palisade:image:dir:/rootfs',
    });
    expect(dirBom.components.every((item) => item.type === 'library')).toBe(true);
    expect(properties(component(dirBom, 'libc6')).map(([name]) => name)).toEqual([
      'palisade:package:location',
      'palisade:package:source-name',
      'palisade:package:source-version',
    ]);
    expect(await validator.validate(output)).toBeNull();
  });
});
