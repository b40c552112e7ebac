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
});
