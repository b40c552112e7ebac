import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../core/errors.js';
import type { Analyzer } from '../analyzer/types.js';
import { defaultLimits } from './limits.js';
import { walkDirectory } from './walk-dir.js';

const magic = Buffer.from('\x7fELF', 'latin1');
const program = Buffer.concat([magic, Buffer.alloc(5000, 1)]);

let root: string;
const seen: string[] = [];

const elf: Analyzer = {
  id: 'elf',
  version: 1,
  description: 'ELF programs',
  onUnreadable: 'note',
  maxFileSize: 4096 * 4,
  wants: () => false,
  wantsExecutable: (head) => head.subarray(0, 4).equals(magic),
  analyze: ({ path, content }) => {
    seen.push(`${path}:${content.length}`);
    if (path.endsWith('broken')) {
      throw new Error('truncated');
    }
    return {};
  },
};

function put(path: string, content: string | Buffer, mode = 0o644): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  chmodSync(file, mode);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'palisade-walk-dir-'));
  seen.length = 0;
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('walkDirectory', () => {
  it('hands executables to the analyzer that claims them by their first bytes', async () => {
    put('opt/tool/run', program, 0o755);
    put('usr/lib/libx.so', program, 0o644);
    put('usr/bin/script', '#!/bin/sh\n', 0o755);
    put('usr/bin/short', '\x7fE', 0o755);
    symlinkSync('../../opt/tool/run', join(root, 'usr/bin/run'));

    const analysis = await walkDirectory(root, [elf], defaultLimits);

    expect(seen).toEqual([`opt/tool/run:${program.length}`]);
    expect(Object.keys(analysis.files)).toEqual(['opt/tool/run']);
  });

  it('notes an executable over the cap and one its analyzer cannot read, and walks on', async () => {
    put('bin/huge', Buffer.concat([program, Buffer.alloc(20_000)]), 0o755);
    put('bin/broken', program, 0o755);
    put('bin/fine', program, 0o755);

    const analysis = await walkDirectory(root, [elf], defaultLimits);

    expect(seen.sort()).toEqual([`bin/broken:${program.length}`, `bin/fine:${program.length}`]);
    expect(analysis.notes).toEqual([
      `bin/huge is ${program.length + 20_000} bytes, over the 16384-byte cap; not read`,
    ]);
    expect(analysis.files['bin/broken']).toEqual([
      { analyzer: 'elf', result: { notes: [`elf analyzer failed: truncated (dir:${root})`] } },
    ]);
  });

  it('refuses a root that is not a directory', async () => {
    await expect(walkDirectory(join(root, 'missing'), [elf], defaultLimits)).rejects.toThrow(
      NotFoundError
    );
  });
});
