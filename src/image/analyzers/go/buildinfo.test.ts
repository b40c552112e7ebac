import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import {
  goBuildInfoInline,
  goBuildInfoPointers,
  wrapModInfo,
  writeElf,
  type ElfSpec,
} from '../../../../test/harness/elf-writer.js';
import { readElf } from '../../elf/reader.js';
import { readGoBuildInfo } from './buildinfo.js';

const modLines =
  'path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\texample.com/greet\tv1.4.2\th1:x=\n';
const text = { execute: 5, data: 6 };

function decode(spec: ElfSpec): ReturnType<typeof readGoBuildInfo> {
  const { bytes } = writeElf(spec);
  return readGoBuildInfo(bytes, readElf(bytes));
}

/** A program whose build information sits in `.go.buildinfo` at the start of its data segment. */
function withSection(blob: Buffer, extra: Partial<ElfSpec> = {}): ElfSpec {
  return {
    segments: [
      { flags: text.execute, address: 0x401000n, data: Buffer.alloc(32, 0x90) },
      { flags: text.data, address: 0x500000n, data: blob },
    ],
    sections: [
      { name: '.text', segment: 0 },
      { name: '.go.buildinfo', segment: 1 },
    ],
    ...extra,
  };
}

describe('Go 1.18 and later: strings inline', () => {
  it('reads the version and the module information, markers removed', () => {
    const info = decode(withSection(goBuildInfoInline('go1.21.5', wrapModInfo(modLines))));

    expect(info).toEqual({ goVersion: 'go1.21.5', modInfo: modLines, format: 'inline' });
  });

  it.each([
    ['big-endian 64-bit', { bits: 64, endian: 'big' }],
    ['little-endian 32-bit', { bits: 32, endian: 'little' }],
    ['big-endian 32-bit', { bits: 32, endian: 'big' }],
  ] as const)('reads a %s program the same way', (_, shape) => {
    const info = decode(
      withSection(goBuildInfoInline('go1.20.3', wrapModInfo(modLines), 4), shape)
    );

    expect(info?.goVersion).toBe('go1.20.3');
    expect(info?.modInfo).toBe(modLines);
  });

  it('finds it at the start of the first read-write segment when there are no section headers', () => {
    const info = decode({
      ...withSection(goBuildInfoInline('go1.22.0', wrapModInfo(modLines))),
      sectionHeaders: false,
    });

    expect(info?.goVersion).toBe('go1.22.0');
    expect(info?.modInfo).toBe(modLines);
  });

  it('skips a read-only or executable segment when looking without sections', () => {
    const blob = goBuildInfoInline('go1.22.0', wrapModInfo(modLines));
    const info = decode({
      segments: [
        { flags: 4, address: 0x400000n, data: Buffer.alloc(16) },
        { flags: 7, address: 0x401000n, data: blob },
        { flags: 6, address: 0x500000n, data: blob },
      ],
      sectionHeaders: false,
    });

    expect(info?.goVersion).toBe('go1.22.0');
  });

  it('reads long module information, past the 64 KiB the header is looked for in', () => {
    const many = Array.from(
      { length: 2000 },
      (_, n) => `dep\texample.com/m${n}\tv1.0.${n}\th1:${'x'.repeat(44)}=`
    );
    const lines = `${many.join('\n')}\n`;
    const info = decode(withSection(goBuildInfoInline('go1.21.0', wrapModInfo(lines))));

    expect(lines.length).toBeGreaterThan(64 * 1024);
    expect(info?.modInfo).toBe(lines);
  });

  it('looks for the header at 16-byte boundaries only, as Go does', () => {
    const blob = goBuildInfoInline('go1.21.0', wrapModInfo(modLines));
    const misaligned = Buffer.concat([Buffer.alloc(8), blob]);
    const aligned = Buffer.concat([Buffer.alloc(8), blob.subarray(0, 14), Buffer.alloc(10), blob]);

    expect(decode(withSection(misaligned))).toBeUndefined();
    expect(decode(withSection(aligned))?.goVersion).toBe('go1.21.0');
  });

  it('gives no module information when the markers are missing (a build outside module mode)', () => {
    const info = decode(withSection(goBuildInfoInline('go1.21.0', wrapModInfo(modLines, true))));

    expect(info?.modInfo).toBe('');
    expect(info?.goVersion).toBe('go1.21.0');
  });
});

describe('Go 1.13 to 1.17: pointers to string headers', () => {
  it.each([
    [8, false, 64],
    [8, true, 64],
    [4, false, 32],
    [4, true, 32],
  ] as const)(
    'follows %i-byte pointers (big-endian %s) through the segments',
    (pointerSize, bigEndian, bits) => {
      const address = 0x600000n;
      const blob = goBuildInfoPointers('go1.16.15', wrapModInfo(modLines), {
        address,
        pointerSize,
        bigEndian,
      });

      const info = decode({
        ...withSection(blob),
        bits,
        endian: bigEndian ? 'big' : 'little',
        segments: [
          { flags: text.execute, address: 0x401000n, data: Buffer.alloc(32) },
          { flags: text.data, address, data: blob },
        ],
      });

      expect(info).toEqual({ goVersion: 'go1.16.15', modInfo: modLines, format: 'pointers' });
    }
  );

  it('refuses pointers that lead outside the program', () => {
    const blob = goBuildInfoPointers('go1.16.15', wrapModInfo(modLines), {
      address: 0x700000n, // not where the segment is loaded
      pointerSize: 8,
      bigEndian: false,
    });
    const { bytes } = writeElf(withSection(blob));

    expect(() => readGoBuildInfo(bytes, readElf(bytes))).toThrow(
      /points outside the program's loaded data for the Go version/
    );
  });

  it('says why a position-independent program’s pointers cannot be followed', () => {
    const blob = goBuildInfoPointers('go1.16.15', wrapModInfo(modLines), {
      address: 0x500000n,
      pointerSize: 8,
      bigEndian: false,
    });
    blob.fill(0, 16, 32); // the loader would fill these in
    const { bytes } = writeElf(withSection(blob));

    expect(() => readGoBuildInfo(bytes, readElf(bytes))).toThrow(
      /position-independent program \(Go 1\.13 to 1\.17\) is filled in at load time/
    );
  });

  it('refuses a pointer size other than 4 or 8', () => {
    const blob = goBuildInfoPointers('go1.16.15', wrapModInfo(modLines), {
      address: 0x500000n,
      pointerSize: 8,
      bigEndian: false,
    });
    blob[14] = 3;
    const { bytes } = writeElf(withSection(blob));

    expect(() => readGoBuildInfo(bytes, readElf(bytes))).toThrow(/unknown pointer size 3/);
  });

  it('refuses a string length no program has', () => {
    const address = 0x500000n;
    const blob = goBuildInfoPointers('go1.16.15', wrapModInfo(modLines), {
      address,
      pointerSize: 8,
      bigEndian: false,
    });
    blob.writeBigUInt64LE(1n << 40n, 32 + 8); // the version's length
    const { bytes } = writeElf(withSection(blob));

    expect(() => readGoBuildInfo(bytes, readElf(bytes))).toThrow(/implausible length/);
  });
});

describe('no build information, or broken build information', () => {
  it('is absent from a program without the section or a read-write segment', () => {
    expect(
      decode({
        segments: [{ flags: 5, address: 0x400000n, data: Buffer.alloc(64) }],
        sections: [{ name: '.text', segment: 0 }],
      })
    ).toBeUndefined();
    expect(decode({ sectionHeaders: false })).toBeUndefined();
  });

  it('is absent when the data segment does not start with it (a C program)', () => {
    expect(
      decode(withSection(Buffer.from('just some initialised data'.repeat(4))))
    ).toBeUndefined();
  });

  it('is an error when a string runs past the end of its section', () => {
    const blob = goBuildInfoInline('go1.21.0', wrapModInfo(modLines));
    const cut = blob.subarray(0, blob.length - 20);

    const { bytes } = writeElf(withSection(cut));
    expect(() => readGoBuildInfo(bytes, readElf(bytes))).toThrow(InputError);
    expect(() => readGoBuildInfo(bytes, readElf(bytes))).toThrow(
      /truncated: the module information \(\d+ bytes\) runs past the end of its section/
    );
  });

  it('is an error when a length never ends or the section ends inside it', () => {
    const header = goBuildInfoInline('', Buffer.alloc(0)).subarray(0, 32);
    const overlong = Buffer.concat([header, Buffer.alloc(12, 0xff)]);
    const cutLength = Buffer.concat([header, Buffer.from([0x80, 0x80])]);

    const first = writeElf(withSection(overlong)).bytes;
    const second = writeElf(withSection(cutLength)).bytes;
    expect(() => readGoBuildInfo(first, readElf(first))).toThrow(
      /overlong length for the Go version/
    );
    expect(() => readGoBuildInfo(second, readElf(second))).toThrow(
      /truncated inside the length of the Go version/
    );
  });

  it('is an error when it names no Go version', () => {
    const { bytes } = writeElf(withSection(goBuildInfoInline('', wrapModInfo(modLines))));

    expect(() => readGoBuildInfo(bytes, readElf(bytes))).toThrow(/holds no Go version/);
  });
});
