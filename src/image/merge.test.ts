import { describe, expect, it } from 'vitest';
import type { LayerRef, PackageRecord } from '../core/package.js';
import type { FileFinding, LayerAnalysis } from './layer/types.js';
import { emptyLayerAnalysis } from './layer/types.js';
import { mergeLayers } from './merge.js';

function deb(name: string, version = '1.0'): PackageRecord {
  return { type: 'deb', name, version, arch: 'amd64', licenses: [] };
}

function dpkg(...packages: PackageRecord[]): FileFinding[] {
  return [{ analyzer: 'dpkg', result: { packages } }];
}

function layer(
  index: number,
  analysis: Partial<LayerAnalysis>
): { ref: LayerRef; analysis: LayerAnalysis } {
  return {
    ref: {
      index,
      digest: `sha256:${String(index).repeat(64)}`,
      diffId: `sha256:${String(index).repeat(64)}`,
    },
    analysis: { ...emptyLayerAnalysis(), ...analysis },
  };
}

const names = (merged: ReturnType<typeof mergeLayers>): string[] =>
  merged.packages.map(({ record }) => `${record.name}@${record.version}`);

function copyright(pkg: string, ...licenses: string[]): Record<string, FileFinding[]> {
  return {
    [`usr/share/doc/${pkg}/copyright`]: [
      { analyzer: 'dpkg-copyright', result: { licenses: { package: pkg, names: licenses } } },
    ],
  };
}

const licensesOf = (merged: ReturnType<typeof mergeLayers>): Record<string, string[]> =>
  Object.fromEntries(merged.packages.map(({ record }) => [record.name, record.licenses]));

describe('mergeLayers', () => {
  it('keeps the layer that first listed each package while later layers rewrite the database', () => {
    const merged = mergeLayers([
      layer(0, { files: { 'var/lib/dpkg/status': dpkg(deb('base-files'), deb('libc6')) } }),
      layer(1, {
        files: { 'var/lib/dpkg/status': dpkg(deb('base-files'), deb('libc6'), deb('curl')) },
      }),
      layer(2, {
        files: { 'var/lib/dpkg/status': dpkg(deb('base-files'), deb('libc6', '2.0'), deb('curl')) },
      }),
    ]);

    const origin = Object.fromEntries(
      merged.packages.map(({ record, layer: ref }) => [
        `${record.name}@${record.version}`,
        ref?.index,
      ])
    );
    expect(origin).toEqual({ 'base-files@1.0': 0, 'libc6@2.0': 2, 'curl@1.0': 1 });
    expect(merged.packages.every(({ location }) => location === 'var/lib/dpkg/status')).toBe(true);
  });

  it('removes what a whiteout deletes, including a deleted parent directory', () => {
    const merged = mergeLayers([
      layer(0, {
        files: {
          'var/lib/dpkg/status.d/tzdata': dpkg(deb('tzdata')),
          'var/lib/dpkg/status.d/base': dpkg(deb('base-files')),
          'lib/apk/db/installed': dpkg(deb('other')),
        },
      }),
      layer(1, { whiteouts: ['var/lib/dpkg/status.d/tzdata', 'lib/apk'] }),
    ]);

    expect(names(merged)).toEqual(['base-files@1.0']);
  });

  it('does not let a whiteout of a name delete a sibling that shares its prefix', () => {
    const merged = mergeLayers([
      layer(0, {
        files: {
          'var/lib/dpkg/status.d/base': dpkg(deb('base')),
          'var/lib/dpkg/status.d/base-files': dpkg(deb('bf')),
        },
      }),
      layer(1, { whiteouts: ['var/lib/dpkg/status.d/base'] }),
    ]);

    expect(names(merged)).toEqual(['bf@1.0']);
  });

  it('hides lower contents of an opaque directory but keeps what the same layer adds', () => {
    const merged = mergeLayers([
      layer(0, {
        files: {
          'var/lib/dpkg/status.d/old': dpkg(deb('old')),
          'var/lib/dpkg/status': dpkg(deb('kept')),
        },
      }),
      layer(1, {
        opaqueDirs: ['var/lib/dpkg/status.d'],
        files: { 'var/lib/dpkg/status.d/new': dpkg(deb('new')) },
      }),
    ]);

    expect(names(merged).sort()).toEqual(['kept@1.0', 'new@1.0']);
  });

  it('forgets a file that a later layer replaced with a link, and a re-created file starts a new history', () => {
    const merged = mergeLayers([
      layer(0, { files: { 'var/lib/dpkg/status': dpkg(deb('a')) } }),
      layer(1, { shadowed: ['var/lib/dpkg/status'] }),
      layer(2, { files: { 'var/lib/dpkg/status': dpkg(deb('a')) } }),
    ]);

    expect(merged.packages.map(({ layer: ref }) => ref?.index)).toEqual([2]);
  });

  it('lets a link that replaced a directory hide everything the directory held', () => {
    const merged = mergeLayers([
      layer(0, {
        files: {
          'var/lib/dpkg/status.d/tzdata': dpkg(deb('tzdata')),
          'var/lib/dpkg/status': dpkg(deb('kept')),
        },
      }),
      layer(1, { shadowed: ['var/lib/dpkg/status.d'] }),
    ]);

    expect(names(merged)).toEqual(['kept@1.0']);
  });

  it('empties the whole image below an opaque root', () => {
    const merged = mergeLayers([
      layer(0, { files: { 'var/lib/dpkg/status': dpkg(deb('old')) } }),
      layer(1, { opaqueDirs: [''], files: { 'var/lib/dpkg/status': dpkg(deb('new')) } }),
    ]);

    expect(names(merged)).toEqual(['new@1.0']);
  });

  it('picks the best-ranked OS among surviving files and marks distroless Debian', () => {
    const os = (id: string, rank: number, source: string): FileFinding[] => [
      {
        analyzer: 'os-release',
        result: { os: { info: { id, idLike: [], distroless: false, source }, rank } },
      },
    ];
    const merged = mergeLayers([
      layer(0, {
        files: {
          'etc/os-release': os('debian', 0, 'etc/os-release'),
          'etc/debian_version': os('debian', 6, 'etc/debian_version'),
          'var/lib/dpkg/status.d/base': dpkg(deb('base-files')),
        },
      }),
      layer(1, { whiteouts: ['etc/os-release'] }),
    ]);

    expect(merged.os).toEqual({
      id: 'debian',
      idLike: [],
      distroless: true,
      source: 'etc/debian_version',
    });
  });

  it('carries analyzer and layer notes, naming the file', () => {
    const merged = mergeLayers([
      layer(0, {
        notes: ['layer 1: x is a hard link; it was not followed'],
        files: {
          'var/lib/rpm/Packages': [
            { analyzer: 'rpm', result: { packages: [], notes: ['2 headers skipped'] } },
          ],
        },
      }),
    ]);

    expect(merged.notes).toEqual([
      'layer 1: x is a hard link; it was not followed',
      'var/lib/rpm/Packages: 2 headers skipped',
    ]);
  });

  it('says once what two analyzers found alike wrong with one file', () => {
    const truncated = { notes: ['truncated or corrupt ELF file: 200 bytes (layer 1)'] };
    const merged = mergeLayers([
      layer(0, {
        files: {
          'opt/tool/run': [
            { analyzer: 'go', result: truncated },
            { analyzer: 'rust', result: truncated },
          ],
        },
      }),
    ]);

    expect(merged.notes).toEqual([
      'opt/tool/run: truncated or corrupt ELF file: 200 bytes (layer 1)',
    ]);
  });

  describe('licences from usr/share/doc/<package>/copyright', () => {
    it('gives a deb package the licences of its copyright file, whichever layer wrote it', () => {
      const status = dpkg(deb('bash'), { ...deb('libfoo'), name: 'libfoo:amd64' }, deb('tzdata'));
      const merged = mergeLayers([
        layer(0, { files: { 'var/lib/dpkg/status': status } }),
        layer(1, {
          files: {
            ...copyright('bash', 'GPL-3.0-or-later', 'GPL-2.0-or-later'),
            ...copyright('libfoo', 'MIT'),
            ...copyright('tzdata'),
          },
        }),
      ]);

      expect(licensesOf(merged)).toEqual({
        bash: ['GPL-3.0-or-later', 'GPL-2.0-or-later'],
        'libfoo:amd64': ['MIT'],
        tzdata: [],
      });
    });

    it('keeps licences the package database gave, and leaves other package types alone', () => {
      const merged = mergeLayers([
        layer(0, {
          files: {
            'var/lib/dpkg/status': dpkg({ ...deb('curl'), licenses: ['curl'] }),
            'lib/apk/db/installed': [
              {
                analyzer: 'apk',
                result: { packages: [{ type: 'apk', name: 'zlib', version: '1', licenses: [] }] },
              },
            ],
            ...copyright('curl', 'MIT'),
            ...copyright('zlib', 'Zlib'),
          },
        }),
      ]);

      expect(licensesOf(merged)).toEqual({ curl: ['curl'], zlib: [] });
    });

    it('drops the licences when a later layer deletes the copyright file or its folder', () => {
      const merged = mergeLayers([
        layer(0, {
          files: {
            'var/lib/dpkg/status': dpkg(deb('bash'), deb('dash')),
            ...copyright('bash', 'GPL-3.0-or-later'),
            ...copyright('dash', 'BSD-3-Clause'),
          },
        }),
        layer(1, { whiteouts: ['usr/share/doc/bash/copyright', 'usr/share/doc/dash'] }),
      ]);

      expect(licensesOf(merged)).toEqual({ bash: [], dash: [] });
    });

    it('takes the licences of the copyright file a later layer rewrote', () => {
      const merged = mergeLayers([
        layer(0, {
          files: {
            'var/lib/dpkg/status': dpkg(deb('bash')),
            ...copyright('bash', 'GPL-2.0-or-later'),
          },
        }),
        layer(1, { files: copyright('bash', 'GPL-3.0-or-later') }),
      ]);

      expect(licensesOf(merged)).toEqual({ bash: ['GPL-3.0-or-later'] });
    });

    it('falls back to the copyright of the binary named like the source package', () => {
      const fromSource = (name: string, source: string): PackageRecord => ({
        ...deb(name),
        source: { name: source, version: '1.0' },
      });
      const merged = mergeLayers([
        layer(0, {
          files: {
            'var/lib/dpkg/status': dpkg(
              fromSource('util-linux', 'util-linux'),
              fromSource('libblkid1', 'util-linux'),
              fromSource('libmount1', 'util-linux'),
              fromSource('libgcc-s1', 'gcc-12'),
              fromSource('gcc-12-base', 'gcc-12')
            ),
            ...copyright('util-linux', 'GPL-2.0-or-later', 'LGPL-2.1-or-later'),
            ...copyright('libmount1', 'LGPL-2.1-or-later'),
            ...copyright('gcc-12-base', 'GPL-3.0-or-later'),
          },
        }),
      ]);

      expect(licensesOf(merged)).toEqual({
        'util-linux': ['GPL-2.0-or-later', 'LGPL-2.1-or-later'],
        libblkid1: ['GPL-2.0-or-later', 'LGPL-2.1-or-later'],
        libmount1: ['LGPL-2.1-or-later'],
        // Its doc folder is a symlink to gcc-12-base, and no binary is called gcc-12.
        'libgcc-s1': [],
        'gcc-12-base': ['GPL-3.0-or-later'],
      });
    });

    it('does not change the records it was given, which a layer cache may hold', () => {
      const bash = deb('bash');
      mergeLayers([
        layer(0, {
          files: { 'var/lib/dpkg/status': dpkg(bash), ...copyright('bash', 'GPL-3.0-or-later') },
        }),
      ]);

      expect(bash.licenses).toEqual([]);
    });
  });

  describe('language files an OS package installed', () => {
    const metadata = 'usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA';
    const python = (name: string, version: string): FileFinding[] => [
      { analyzer: 'python', result: { packages: [{ type: 'pypi', name, version, licenses: [] }] } },
    ];
    const owns = (...paths: string[]): FileFinding[] => [
      { analyzer: 'dpkg', result: { ownedFiles: paths } },
    ];

    it('reports the package once, as the OS package, and says how many it left out', () => {
      const merged = mergeLayers([
        layer(0, {
          files: {
            'var/lib/dpkg/status': dpkg(deb('python3-six', '1.16.0-4')),
            'var/lib/dpkg/info/python3-six.list': owns(metadata),
            [metadata]: python('six', '1.16.0'),
            'usr/local/lib/python3.11/site-packages/idna-3.4.dist-info/METADATA': python(
              'idna',
              '3.4'
            ),
          },
        }),
      ]);

      expect(names(merged)).toEqual(['python3-six@1.16.0-4', 'idna@3.4']);
      expect(merged.notes).toEqual([
        '1 language package(s) found in files that OS packages installed are left to those OS packages, whose vendor advisories cover them',
      ]);
    });

    it('matches paths across the merged /usr aliases', () => {
      const merged = mergeLayers([
        layer(0, {
          files: {
            'var/lib/dpkg/info/tool.list': owns('bin/tool', 'usr/sbin/other'),
            'usr/bin/tool': python('tool', '1.0'),
            'sbin/other': python('other', '2.0'),
            'usr/share/tool': python('share', '3.0'),
          },
        }),
      ]);

      expect(names(merged)).toEqual(['share@3.0']);
    });

    it('reports the language package again once a later layer deletes the file list', () => {
      const merged = mergeLayers([
        layer(0, {
          files: {
            'var/lib/dpkg/info/python3-six.list': owns(metadata),
            [metadata]: python('six', '1.16.0'),
          },
        }),
        layer(1, { whiteouts: ['var/lib/dpkg/info/python3-six.list'] }),
      ]);

      expect(names(merged)).toEqual(['six@1.16.0']);
      expect(merged.notes).toEqual([]);
    });
  });
});
