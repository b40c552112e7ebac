import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { writeElf, type ElfSpec } from '../../../test/harness/elf-writer.js';
import { elfFixtures, type ElfFixtures } from '../../../test/harness/go-binary.js';
import { run } from '../../../test/harness/run.js';
import { findSection, isElf, readElf, readVirtual, sectionData } from './reader.js';

const payload = Buffer.from('payload bytes');
const spec: ElfSpec = {
  segments: [
    { flags: 5, address: 0x400000n, data: Buffer.alloc(64, 0xcc) },
    { flags: 6, address: 0x600000n, data: Buffer.from('0123456789abcdef') },
  ],
  sections: [
    { name: '.text', segment: 0, flags: 6n },
    { name: '.data', segment: 1, flags: 3n },
    { name: '.note.extra', data: payload },
    { name: '.bss', type: 8, address: 0x700000n },
  ],
};

describe('readElf on synthetic files', () => {
  it.each([
    [64, 'little'],
    [64, 'big'],
    [32, 'little'],
    [32, 'big'],
  ] as const)('reads a %i-bit %s-endian file', (bits, endian) => {
    const { bytes } = writeElf({ ...spec, bits, endian, machine: 43 });

    const elf = readElf(bytes);

    expect(elf.bits).toBe(bits);
    expect(elf.littleEndian).toBe(endian === 'little');
    expect(elf.machine).toBe(43);
    expect(elf.type).toBe(2);
    expect(elf.sections.map((section) => section.name)).toEqual([
      '',
      '.text',
      '.data',
      '.note.extra',
      '.bss',
      '.shstrtab',
    ]);
    expect(elf.segments.map((segment) => [segment.flags, segment.address])).toEqual([
      [5, 0x400000n],
      [6, 0x600000n],
    ]);
    const note = findSection(elf, '.note.extra');
    expect(note && sectionData(bytes, note).toString()).toBe('payload bytes');
    const bss = findSection(elf, '.bss');
    expect(bss && sectionData(bytes, bss)).toHaveLength(0);
    expect(readVirtual(bytes, elf, 0x600004n, 4).toString()).toBe('4567');
  });

  it('reads a file without section headers through its segments only', () => {
    const { bytes } = writeElf({ ...spec, sectionHeaders: false });

    const elf = readElf(bytes);

    expect(elf.sections).toEqual([]);
    expect(findSection(elf, '.data')).toBeUndefined();
    expect(elf.segments).toHaveLength(2);
  });

  it('reads fewer bytes than asked where a segment ends, none outside every segment', () => {
    const { bytes } = writeElf(spec);
    const elf = readElf(bytes);

    expect(readVirtual(bytes, elf, 0x60000cn, 100).toString()).toBe('cdef');
    expect(readVirtual(bytes, elf, 0x600010n, 4)).toHaveLength(0);
    expect(readVirtual(bytes, elf, 0x3fffffn, 4)).toHaveLength(0);
  });

  it('recognises the magic, and only the magic', () => {
    expect(isElf(Buffer.from('\x7fELF\x02\x01', 'latin1'))).toBe(true);
    expect(isElf(Buffer.from('\x7fEL', 'latin1'))).toBe(false);
    expect(isElf(Buffer.from('#!/bin/sh\n'))).toBe(false);
  });
});

describe('readElf refuses what it cannot trust', () => {
  const valid = writeElf(spec);

  function expectRefused(bytes: Buffer, message: RegExp): void {
    expect(() => readElf(bytes)).toThrow(InputError);
    expect(() => readElf(bytes)).toThrow(message);
  }

  it('a file that is not ELF', () => {
    expectRefused(Buffer.from('MZ\x90\x00'), /not an ELF file/);
  });

  it('a file cut inside its header', () => {
    expectRefused(
      valid.bytes.subarray(0, 40),
      /truncated or corrupt ELF file: the 64-bit file header/
    );
    expectRefused(valid.bytes.subarray(0, 10), /truncated ELF file: 10 bytes/);
  });

  it('a file cut inside its program headers', () => {
    const stripped = writeElf({ ...spec, sectionHeaders: false });
    expectRefused(
      stripped.bytes.subarray(0, 100),
      /truncated or corrupt ELF file: the table of 2 program headers \(bytes 64 to 176\)/
    );
    // With section headers, their offset is checked first.
    expectRefused(
      valid.bytes.subarray(0, 100),
      /section header table offset \(312\) is past the end/
    );
  });

  it('a file cut inside a loadable segment', () => {
    const cut = valid.bytes.subarray(0, (valid.segmentOffsets[1] ?? 0) + 4);
    // Cut before the section table too: its offset is past the end now.
    expectRefused(cut, /section header table offset .* past the end|loadable segment 1/);
  });

  it('a section that runs past the end of the file', () => {
    const bytes = Buffer.from(valid.bytes);
    // Section 3 (.note.extra): make its size enormous.
    bytes.writeBigUInt64LE(1_000_000n, valid.sectionHeaderOffset + 3 * 64 + 32);
    expectRefused(bytes, /section 3's size \(1000000\) is past the end|section 3 .* runs past/);
  });

  it('a section table that runs past the end of the file', () => {
    const bytes = Buffer.from(valid.bytes);
    bytes.writeUInt16LE(200, 60);
    expectRefused(bytes, /truncated or corrupt ELF file: the table of 200 section headers/);
  });

  it('an unknown class or byte order', () => {
    const badClass = Buffer.from(valid.bytes);
    badClass[4] = 7;
    const badOrder = Buffer.from(valid.bytes);
    badOrder[5] = 0;
    expectRefused(badClass, /unknown class 7/);
    expectRefused(badOrder, /unknown byte order 0/);
  });

  it('header entries too small for the class', () => {
    const bytes = Buffer.from(valid.bytes);
    bytes.writeUInt16LE(16, 58);
    expectRefused(bytes, /section header entries of 16 bytes/);
  });

  it('a section count too large to be real (extended numbering)', () => {
    const bytes = Buffer.from(valid.bytes);
    bytes.writeUInt16LE(0, 60); // e_shnum 0: the count is in section 0's sh_size
    bytes.writeBigUInt64LE(1n << 40n, valid.sectionHeaderOffset + 32);
    expectRefused(bytes, /more than 65536/);
  });

  it('names nothing when the name table index is out of range', () => {
    const bytes = Buffer.from(valid.bytes);
    bytes.writeUInt16LE(99, 62);
    expect(readElf(bytes).sections.every((section) => section.name === '')).toBe(true);
  });
});

describe('readElf on programs built on this machine', () => {
  let fixtures: ElfFixtures;

  beforeAll(async () => {
    fixtures = await elfFixtures();
  });

  it('lists the same sections as readelf', async () => {
    for (const binary of [fixtures.goBinary, fixtures.cBinary, fixtures.auditableBinary]) {
      const output = await run('readelf', ['-W', '-S', binary]);
      const expected = [...output.matchAll(/^\s*\[\s*\d+\]\s+(\S*)\s+[A-Z_]+\s/gm)].map(
        (match) => match[1]
      );

      const elf = readElf(readFileSync(binary));

      expect(elf.sections.slice(1).map((section) => section.name)).toEqual(expected.slice(1));
      expect(elf.bits).toBe(64);
    }
  });

  it('finds the section objcopy added', () => {
    const bytes = readFileSync(fixtures.auditableBinary);
    const section = findSection(readElf(bytes), '.dep-v0');

    expect(section?.size).toBeGreaterThan(0);
  });
});
