import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tarOf } from '../../../../test/harness/oci-builder.js';
import { defaultLimits } from '../../layer/limits.js';
import { walkTar } from '../../layer/walk-tar.js';
import { analyzer } from './index.js';

const copyright = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: util-linux

Files: *
Copyright: 2007-2023 Karel Zak
License: GPL-2+

Files: lib/*
Copyright: 2008 Karel Zak
License: LGPL-2.1+
`;

describe('dpkg-copyright analyzer', () => {
  it('wants usr/share/doc/<package>/copyright and nothing deeper or shallower', () => {
    expect(analyzer.wants('usr/share/doc/util-linux/copyright')).toBe(true);
    expect(analyzer.wants('usr/share/doc/libstdc++6/copyright')).toBe(true);
    expect(analyzer.wants('usr/share/doc/util-linux/examples/copyright')).toBe(false);
    expect(analyzer.wants('usr/share/doc/copyright')).toBe(false);
    expect(analyzer.wants('usr/share/doc/util-linux/copyright.gz')).toBe(false);
    expect(analyzer.wants('usr/share/doc/util-linux/changelog.Debian.gz')).toBe(false);
    expect(analyzer.wants('usr/local/share/doc/util-linux/copyright')).toBe(false);
    expect(analyzer.wants('opt/usr/share/doc/util-linux/copyright')).toBe(false);
  });

  it('names the package by its doc folder and lists the licences the file declares', async () => {
    const result = await analyzer.analyze({
      path: 'usr/share/doc/util-linux/copyright',
      content: Buffer.from(copyright),
    });

    expect(result).toEqual({
      licenses: { package: 'util-linux', names: ['GPL-2.0-or-later', 'LGPL-2.1-or-later'] },
    });
  });

  it('reports an empty list for a copyright file that declares nothing it can read', async () => {
    const result = await analyzer.analyze({
      path: 'usr/share/doc/base-files/copyright',
      content: Buffer.from('This is the Debian prepackaged version of the Debian Base System.\n'),
    });

    expect(result).toEqual({ licenses: { package: 'base-files', names: [] } });
  });

  it('leaves a copyright file over 1 MiB unread, and the walk says so', async () => {
    expect(analyzer.maxFileSize).toBe(1024 * 1024);
    const big = Buffer.concat([Buffer.from(copyright), Buffer.alloc(1024 * 1024, 0x20)]);

    const analysis = await walkTar(
      Readable.from([
        await tarOf([
          { name: 'usr/share/doc/huge/copyright', content: big },
          { name: 'usr/share/doc/small/copyright', content: copyright },
          { name: 'usr/share/doc/libgcc-s1', type: 'symlink', linkname: 'gcc-12-base' },
        ]),
      ]),
      [analyzer],
      defaultLimits,
      'layer 1'
    );

    expect(Object.keys(analysis.files)).toEqual(['usr/share/doc/small/copyright']);
    expect(analysis.notes).toEqual([
      `layer 1: usr/share/doc/huge/copyright is ${big.length} bytes, over the 1048576-byte cap; not read`,
    ]);
  });
});
