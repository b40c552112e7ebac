import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { writeElf } from '../../../../test/harness/elf-writer.js';
import { readElf } from '../../elf/reader.js';
import { depSectionName, maxInflatedSize, readAuditable } from './auditable.js';

function program(
  section: Buffer | undefined,
  bits: 32 | 64 = 64,
  endian: 'little' | 'big' = 'little'
): Buffer {
  return writeElf({
    bits,
    endian,
    segments: [{ flags: 5, address: 0x400000n, data: Buffer.alloc(16) }],
    sections: [
      { name: '.text', segment: 0 },
      ...(section ? [{ name: depSectionName, data: section }] : []),
    ],
  }).bytes;
}

function read(bytes: Buffer): ReturnType<typeof readAuditable> {
  return readAuditable(bytes, readElf(bytes));
}

const list = (packages: unknown[]): Buffer =>
  deflateSync(Buffer.from(JSON.stringify({ packages })));

describe('readAuditable', () => {
  it('reports runtime crates from crates.io, a crates.io root included', () => {
    const result = read(
      program(
        list([
          {
            name: 'ripgrep',
            version: '14.1.0',
            source: 'crates.io',
            root: true,
            dependencies: [1, 2, 3],
          },
          { name: 'memchr', version: '2.7.1', source: 'crates.io' },
          { name: 'serde_derive', version: '1.0.195', source: 'crates.io', kind: 'build' },
          { name: 'workspace-util', version: '0.1.0', source: 'local' },
        ])
      )
    );

    expect(result).toEqual({
      packages: [
        { type: 'cargo', name: 'ripgrep', version: '14.1.0', licenses: [] },
        { type: 'cargo', name: 'memchr', version: '2.7.1', licenses: [] },
      ],
      notes: [],
    });
  });

  it.each([
    [32, 'little'],
    [64, 'big'],
  ] as const)('reads the section of a %i-bit %s-endian program', (bits, endian) => {
    const result = read(
      program(list([{ name: 'libc', version: '0.2.152', source: 'crates.io' }]), bits, endian)
    );

    expect(result?.packages.map((pkg) => pkg.name)).toEqual(['libc']);
  });

  it('notes git, other-registry and unknown sources, and entries it cannot read', () => {
    const result = read(
      program(
        list([
          { name: 'a', version: '1.0.0', source: 'git' },
          { name: 'b', version: '2.0.0', source: 'registry' },
          { name: 'c', version: '3.0.0', source: 'somewhere-new' },
          { name: 'd' },
          'not an object',
        ])
      )
    );

    expect(result?.packages).toEqual([]);
    expect(result?.notes).toEqual([
      '3 crate(s) not from crates.io are not reported: a 1.0.0 (git), b 2.0.0 (another registry), c 3.0.0 (somewhere-new)',
      '2 entries of the .dep-v0 dependency list had no name or version',
    ]);
  });

  it('names the first ten skipped crates and counts the rest', () => {
    const many = Array.from({ length: 12 }, (_, n) => ({
      name: `g${n}`,
      version: '1.0.0',
      source: 'git',
    }));

    expect(read(program(list(many)))?.notes[0]).toMatch(
      /^12 crate\(s\) .*g9 1\.0\.0 \(git\) and 2 more$/
    );
  });

  it('finds nothing in a program without the section', () => {
    expect(read(program(undefined))).toBeUndefined();
  });

  it('refuses data that is not zlib', () => {
    const bytes = program(Buffer.from('{"packages":[]}'));

    expect(() => read(bytes)).toThrow(InputError);
    expect(() => read(bytes)).toThrow(/not valid zlib data/);
  });

  it('refuses a list that inflates past the cap', () => {
    const bomb = deflateSync(Buffer.alloc(maxInflatedSize + 1024, 0x20));

    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => read(program(bomb))).toThrow(/inflates past 8 MiB/);
  });

  it('refuses JSON that does not parse, or lists no packages', () => {
    expect(() => read(program(deflateSync(Buffer.from('{"packages": ['))))).toThrow(
      /the \.dep-v0 dependency list is not valid JSON/
    );
    expect(() => read(program(deflateSync(Buffer.from('{"crates": []}'))))).toThrow(
      /the \.dep-v0 dependency list is malformed: packages/
    );
  });
});
