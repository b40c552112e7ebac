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
      onUnreadable: 'stop',
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

  it('turns the failure of a note-mode analyzer into a note for that file and walks on', async () => {
    const fussy: Analyzer = {
      id: 'fussy',
      version: 1,
      description: 'refuses bad files',
      onUnreadable: 'note',
      maxFileSize: 1024,
      wants: (path) => path.endsWith('.json'),
      analyze: ({ path, content }) => {
        if (content.toString() !== 'good') {
          throw new InputError(`${path}: not JSON`);
        }
        return { packages: [{ type: 'npm', name: 'good', version: '1.0.0', licenses: [] }] };
      },
    };

    const analysis = await walk(
      [
        { name: 'a/bad.json', content: 'bad' },
        { name: 'b/good.json', content: 'good' },
      ],
      [fussy]
    );

    expect(analysis.files['a/bad.json']).toEqual([
      { analyzer: 'fussy', result: { notes: ['not JSON (layer 1)'] } },
    ]);
    expect(analysis.files['b/good.json']?.[0]?.result.packages?.[0]?.name).toBe('good');
  });

  describe('executables', () => {
    const seen: { path: string; size: number }[] = [];
    const elf: Analyzer = {
      id: 'elf',
      version: 1,
      description: 'ELF programs',
      onUnreadable: 'note',
      maxFileSize: 256 * 1024,
      wants: () => false,
      wantsExecutable: (head) => head.subarray(0, 4).equals(Buffer.from('\x7fELF', 'latin1')),
      analyze: ({ path, content }) => {
        seen.push({ path, size: content.length });
        return {};
      },
    };
    const program = Buffer.concat([Buffer.from('\x7fELF', 'latin1'), Buffer.alloc(200_000, 7)]);

    it('hands an executable to the analyzer that claims it by its first bytes, whole', async () => {
      seen.length = 0;
      const analysis = await walk(
        [
          { name: 'opt/tool/run', content: program, mode: 0o755 },
          { name: 'usr/lib/libx.so', content: program, mode: 0o644 },
          { name: 'usr/bin/script', content: '#!/bin/sh\necho hi\n', mode: 0o755 },
          { name: 'usr/bin/tiny', content: '\x7fE', mode: 0o700 },
          { name: 'usr/bin/empty', content: '', mode: 0o755 },
          { name: 'etc/os-release', content: 'ID=alpine\n' },
        ],
        [elf, ...all]
      );

      expect(seen).toEqual([{ path: 'opt/tool/run', size: program.length }]);
      expect(Object.keys(analysis.files).sort()).toEqual(['etc/os-release', 'opt/tool/run']);
    });

    it('notes an executable over the cap instead of reading it', async () => {
      seen.length = 0;
      const huge = Buffer.concat([program, Buffer.alloc(100_000)]);

      const analysis = await walk([{ name: 'bin/big', content: huge, mode: 0o755 }], [elf]);

      expect(seen).toEqual([]);
      expect(analysis.notes).toEqual([
        `layer 1: bin/big is ${huge.length} bytes, over the 262144-byte cap; not read`,
      ]);
    });
  });
});
