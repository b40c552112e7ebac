import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tarOf, type TarEntry } from '../../../test/harness/oci-builder.js';
import { InputError } from '../../core/errors.js';
import { analyzers } from '../analyzer/api.js';
import type { Analyzer } from '../analyzer/types.js';
import { defaultLimits } from './limits.js';
import { walkTar } from './walk-tar.js';

const all = [...analyzers.values()];

async function walk(entries: TarEntry[], list: readonly Analyzer[] = all, limits = defaultLimits) {
  return walkTar(Readable.from([await tarOf(entries)]), list, limits, 'layer 1');
}

describe('walkTar', () => {
  it('records whiteouts and opaque directories and does not analyse the markers', async () => {
    const analysis = await walk([
      { name: 'var/lib/dpkg/.wh.status', content: '' },
      { name: 'etc/.wh..wh..opq', content: '' },
      { name: '.wh.top', content: '' },
      { name: 'usr/.wh..wh.plnk', content: '' },
    ]);

    expect(analysis.whiteouts).toEqual(['var/lib/dpkg/status', 'top']);
    expect(analysis.opaqueDirs).toEqual(['etc']);
    expect(analysis.files).toEqual({});
  });

  it('records every link, and a wanted path replaced by one, as shadowed, without following it', async () => {
    const analysis = await walk([
      { name: 'usr/lib/os-release', content: 'ID=alpine\n' },
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
      { name: 'var/lib/dpkg/status', type: 'link', linkname: 'usr/lib/os-release' },
      { name: 'usr/share/doc/libgcc-s1', type: 'symlink', linkname: 'gcc-12-base' },
      { name: 'usr/bin/unwanted', type: 'file', content: 'x' },
    ]);

    expect(analysis.shadowed).toEqual([
      'etc/os-release',
      'var/lib/dpkg/status',
      'usr/share/doc/libgcc-s1',
    ]);
    expect(Object.keys(analysis.files)).toEqual(['usr/lib/os-release']);
    expect(analysis.notes).toEqual([
      'layer 1: var/lib/dpkg/status is a hard link; it was not followed',
    ]);
  });

  it('refuses an entry that climbs out of the root', async () => {
    await expect(walk([{ name: '../../etc/cron.d/evil', content: 'x' }])).rejects.toThrow(
      InputError
    );
  });

  it('caps the number of entries', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, content: '' }));

    await expect(walk(entries, all, { ...defaultLimits, maxEntries: 4 })).rejects.toThrow(
      /more than 4 entries/
    );
  });

  it('leaves a wanted file over its analyzer cap unread, and says so', async () => {
    const big = Buffer.alloc(70 * 1024, 0x41);

    const analysis = await walk([{ name: 'etc/os-release', content: big }]);

    expect(analysis.files).toEqual({});
    expect(analysis.shadowed).toEqual(['etc/os-release']);
    expect(analysis.notes[0]).toMatch(
      /etc\/os-release is 71680 bytes, over the 65536-byte cap; not read/
    );
  });

  it('names the layer, the file and the analyzer when an analyzer fails', async () => {
    const broken: Analyzer = {
      id: 'broken',
      version: 1,
      description: 'throws',
      maxFileSize: 1024,
      wants: (path) => path === 'x',
      analyze: () => {
        throw new RangeError('offset out of bounds');
      },
    };

    await expect(walk([{ name: 'x', content: 'y' }], [broken])).rejects.toThrow(
      'layer 1: x: broken analyzer failed: offset out of bounds'
    );
  });
});
