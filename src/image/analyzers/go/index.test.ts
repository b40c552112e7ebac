import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { PackageRecord } from '../../../core/package.js';
import { goBuildInfoInline, wrapModInfo, writeElf } from '../../../../test/harness/elf-writer.js';
import {
  elfFixtures,
  goVersionM,
  greetModule,
  shoutModule,
  type ElfFixtures,
  type GoVersionM,
} from '../../../../test/harness/go-binary.js';
import { sniffLength } from '../../analyzer/types.js';
import { analyzer } from './index.js';
import { stdlibVersion } from './stdlib-version.js';

/** What the Go toolchain's own listing says the analyzer must report. */
function expectedFrom(listing: GoVersionM): PackageRecord[] {
  const expected: PackageRecord[] = [];
  const stdlib = stdlibVersion(listing.goVersion);
  if (stdlib) {
    expected.push({ type: 'golang', name: 'stdlib', version: stdlib, licenses: [] });
  }
  listing.modules.forEach((module, index) => {
    const next = listing.modules[index + 1];
    if (module.kind === '=>' || module.version === '(devel)') {
      return;
    }
    const built = next?.kind === '=>' ? next : module;
    expected.push({ type: 'golang', name: built.path, version: built.version, licenses: [] });
  });
  return expected;
}

function analyze(content: Buffer, path = 'opt/tool/run'): ReturnType<typeof analyzer.analyze> {
  return analyzer.analyze({ path, content });
}

/** The same program with its section headers gone, as `sstrip` leaves it. */
function withoutSectionHeaders(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeBigUInt64LE(0n, 40); // e_shoff
  copy.writeUInt16LE(0, 60); // e_shnum
  copy.writeUInt16LE(0, 62); // e_shstrndx
  return copy;
}

describe('go analyzer on a program built by the Go toolchain', () => {
  let fixtures: ElfFixtures;
  let binary: Buffer;

  beforeAll(async () => {
    fixtures = await elfFixtures();
    binary = readFileSync(fixtures.goBinary);
  });

  it('reports what `go version -m` lists: stdlib, the dependency, the replacement', async () => {
    const listing = await goVersionM(fixtures.goBinary);

    const result = await analyze(binary);

    expect(result.packages).toEqual(expectedFrom(listing));
    expect(result.notes).toBeUndefined();
    // And in plain words, so a wrong reading of the listing cannot pass unnoticed.
    expect(result.packages?.map((pkg) => `${pkg.name}@${pkg.version}`)).toEqual([
      `stdlib@${stdlibVersion(fixtures.goVersion) ?? ''}`,
      `${greetModule.path}@${greetModule.version}`,
      `${shoutModule.replacement.path}@${shoutModule.replacement.version}`,
    ]);
    expect(listing.modules.some((module) => module.path === 'example.com/app')).toBe(true);
  });

  it('reads a program linked with -s -w the same way', async () => {
    const listing = await goVersionM(fixtures.goStripped);

    const result = await analyze(readFileSync(fixtures.goStripped));

    expect(result.packages).toEqual(expectedFrom(listing));
  });

  it('reads a program with no section headers from its data segment, as Go does', async () => {
    const stripped = withoutSectionHeaders(binary);
    const file = join(mkdtempSync(join(tmpdir(), 'palisade-go-')), 'sstripped');
    writeFileSync(file, stripped, { mode: 0o755 });
    try {
      const listing = await goVersionM(file);

      const result = await analyze(stripped);

      expect(result.packages).toEqual(expectedFrom(listing));
      expect(result.packages).toEqual((await analyze(binary)).packages);
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  });

  it('reports nothing, and says nothing, for a C program', async () => {
    const result = await analyze(readFileSync(fixtures.cBinary));

    expect(result).toEqual({ packages: [] });
  });

  it('refuses a truncated program with an InputError saying so', () => {
    for (const length of [200, 4096, binary.length - 1]) {
      const cut = binary.subarray(0, length);
      expect(() => analyze(cut)).toThrow(InputError);
      expect(() => analyze(cut)).toThrow(/truncated or corrupt ELF file/);
    }
  });

  it('wants any ELF by its first bytes, and no file by its path', () => {
    expect(analyzer.wantsExecutable?.(binary.subarray(0, sniffLength))).toBe(true);
    expect(analyzer.wantsExecutable?.(Buffer.from('#!/bin/sh\necho hi\n'))).toBe(false);
    expect(analyzer.wants('usr/local/bin/app')).toBe(false);
    expect(analyzer.onUnreadable).toBe('note');
  });
});

describe('go analyzer on synthetic programs', () => {
  function program(goVersion: string, lines: string): Buffer {
    return writeElf({
      segments: [
        { flags: 6, address: 0x500000n, data: goBuildInfoInline(goVersion, wrapModInfo(lines)) },
      ],
      sections: [{ name: '.go.buildinfo', segment: 0 }],
    }).bytes;
  }

  it('reports a main module with a version and the boringcrypto stdlib as its release', async () => {
    const result = await analyze(
      program('go1.21.5 X:boringcrypto', 'mod\texample.com/tool\tv2.3.4\th1:x=\n')
    );

    expect(result.packages?.map((pkg) => [pkg.name, pkg.version])).toEqual([
      ['stdlib', 'v1.21.5'],
      ['example.com/tool', 'v2.3.4'],
    ]);
  });

  it('leaves out a development toolchain’s stdlib and a local replacement, with notes', async () => {
    const result = await analyze(
      program(
        'devel go1.22-abc123 Tue Jan 2 15:04:05 2024 +0000',
        'mod\texample.com/tool\t(devel)\t\ndep\texample.com/lib\tv1.0.0\t\n=>\t../lib\t\t\ndep\texample.com/ok\tv0.2.0\th1:y=\n'
      )
    );

    expect(result.packages?.map((pkg) => [pkg.name, pkg.version])).toEqual([
      ['example.com/ok', 'v0.2.0'],
    ]);
    expect(result.notes).toEqual([
      'built by the Go toolchain "devel go1.22-abc123 Tue Jan 2 15:04:05 2024 +0000", which is not a release: the standard library is not reported',
      '1 Go module(s) replaced by local directories have no version and are not reported: example.com/lib',
    ]);
  });

  it('names the first three local replacements in one note and counts the rest', async () => {
    const staging = ['api', 'apimachinery', 'client-go', 'kubectl', 'cli-runtime'];
    const result = await analyze(
      program(
        'go1.21.5',
        staging
          .map((name) => `dep\tk8s.io/${name}\tv0.0.0\t\n=>\t./staging/src/k8s.io/${name}\t\t\n`)
          .join('')
      )
    );

    expect(result.packages?.map((pkg) => pkg.name)).toEqual(['stdlib']);
    expect(result.notes).toEqual([
      '5 Go module(s) replaced by local directories have no version and are not reported: k8s.io/api, k8s.io/apimachinery, k8s.io/client-go and 2 more',
    ]);
  });

  it('notes module lines it could not read and keeps the rest', async () => {
    const result = await analyze(
      program('go1.20', '=>\texample.com/orphan\tv1.0.0\t\ndep\texample.com/ok\tv0.2.0\t\n')
    );

    expect(result.packages?.map((pkg) => pkg.name)).toEqual(['stdlib', 'example.com/ok']);
    expect(result.packages?.[0]?.version).toBe('v1.20.0');
    expect(result.notes).toEqual(['1 line(s) of the Go module information could not be read']);
  });

  it('turns broken build information into an InputError', () => {
    const broken = writeElf({
      segments: [
        {
          flags: 6,
          address: 0x500000n,
          data: goBuildInfoInline('go1.21.0', wrapModInfo('dep\tx\tv1\t\n')).subarray(0, 40),
        },
      ],
    }).bytes;

    expect(() => analyze(broken)).toThrow(InputError);
    expect(() => analyze(broken)).toThrow(/Go build information is truncated/);
  });
});
