import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import {
  auditableDependencies,
  elfFixtures,
  type ElfFixtures,
} from '../../../../test/harness/go-binary.js';
import { sniffLength } from '../../analyzer/types.js';
import { analyzer } from './index.js';

const lock = `version = 3

[[package]]
name = "app"
version = "0.1.0"

[[package]]
name = "log"
version = "0.4.20"
source = "registry+https://github.com/rust-lang/crates.io-index"
`;

describe('rust analyzer', () => {
  let fixtures: ElfFixtures;

  beforeAll(async () => {
    fixtures = await elfFixtures();
  });

  it('reads the .dep-v0 section objcopy put in a real program', async () => {
    const result = await analyzer.analyze({
      path: 'usr/local/bin/hello',
      content: readFileSync(fixtures.auditableBinary),
    });

    const expected = auditableDependencies.packages.filter(
      (pkg) => pkg.source === 'crates.io' && (pkg.kind ?? 'runtime') === 'runtime'
    );
    expect(result.packages).toEqual(
      expected.map((pkg) => ({ type: 'cargo', name: pkg.name, version: pkg.version, licenses: [] }))
    );
    expect(result.packages?.map((pkg) => pkg.name)).toEqual(['serde', 'regex']);
    expect(result.notes).toEqual([
      '1 crate(s) not from crates.io are not reported: private-helper 0.3.0 (git)',
    ]);
  });

  it('reports nothing for programs without the section: C, and Go', async () => {
    for (const binary of [fixtures.cBinary, fixtures.goBinary]) {
      expect(await analyzer.analyze({ path: 'bin/x', content: readFileSync(binary) })).toEqual({
        packages: [],
      });
    }
  });

  it('refuses a truncated program', () => {
    const cut = readFileSync(fixtures.auditableBinary).subarray(0, 200);

    expect(() => analyzer.analyze({ path: 'bin/x', content: cut })).toThrow(InputError);
    expect(() => analyzer.analyze({ path: 'bin/x', content: cut })).toThrow(
      /truncated or corrupt ELF file/
    );
  });

  it('reads Cargo.lock files by name, wherever they are, outside cargo’s download cache', async () => {
    expect(analyzer.wants('Cargo.lock')).toBe(true);
    expect(analyzer.wants('app/Cargo.lock')).toBe(true);
    expect(analyzer.wants('app/cargo.lock')).toBe(false);
    expect(analyzer.wants('app/Cargo.lock.bak')).toBe(false);
    expect(analyzer.wants('app/Cargo.toml')).toBe(false);
    expect(
      analyzer.wants('root/.cargo/registry/src/index.crates.io-6f17d22bba15001f/x-1.0.0/Cargo.lock')
    ).toBe(false);
    expect(analyzer.wants('usr/local/cargo/git/checkouts/y-abc/0123/Cargo.lock')).toBe(false);

    const result = await analyzer.analyze({ path: 'app/Cargo.lock', content: Buffer.from(lock) });
    expect(result).toEqual({
      packages: [{ type: 'cargo', name: 'log', version: '0.4.20', licenses: [] }],
    });
  });

  it('refuses a Cargo.lock that is not TOML', () => {
    expect(() =>
      analyzer.analyze({ path: 'app/Cargo.lock', content: Buffer.from('[[package]\n') })
    ).toThrow(/Cargo\.lock is not valid TOML/);
  });

  it('wants any ELF by its first bytes', () => {
    const head = readFileSync(fixtures.auditableBinary).subarray(0, sniffLength);

    expect(analyzer.wantsExecutable?.(head)).toBe(true);
    expect(analyzer.wantsExecutable?.(Buffer.from('#!/usr/bin/env python3\n'))).toBe(false);
    expect(analyzer.onUnreadable).toBe('note');
  });
});
