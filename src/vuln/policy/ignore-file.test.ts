import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors.js';
import { ignoreFormatOf, parseIgnoreFile, readIgnoreFile } from './ignore-file.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-ignore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ignoreFormatOf', () => {
  it('goes by the name when it tells', () => {
    expect(ignoreFormatOf('.palisadeignore.yaml', 'CVE-1')).toBe('yaml');
    expect(ignoreFormatOf('policy/ignore.YML', 'CVE-1')).toBe('yaml');
    expect(ignoreFormatOf('.trivyignore', '- id: CVE-1')).toBe('trivyignore');
    expect(ignoreFormatOf('prod.trivyignore', '- id: CVE-1')).toBe('trivyignore');
  });

  it('goes by the first line that is not blank or a comment otherwise', () => {
    expect(ignoreFormatOf('ignores', '# list\n\n- id: CVE-1\n  reason: x\n')).toBe('yaml');
    expect(ignoreFormatOf('ignores', '---\n- id: CVE-1\n')).toBe('yaml');
    expect(ignoreFormatOf('ignores', '[]')).toBe('yaml');
    expect(ignoreFormatOf('ignores', '# list\nCVE-2023-1234\n')).toBe('trivyignore');
    expect(ignoreFormatOf('ignores', '')).toBe('trivyignore');
  });
});

describe('parseIgnoreFile', () => {
  it('parses each format', () => {
    expect(parseIgnoreFile('- id: CVE-1\n  reason: ok\n', 'x.yaml').entries[0]?.reason).toBe('ok');
    expect(parseIgnoreFile('CVE-1\n', '.trivyignore').entries[0]?.reason).toBe(
      'listed in .trivyignore'
    );
  });
});

describe('readIgnoreFile', () => {
  it('reads a file from disk', async () => {
    const path = join(dir, '.palisadeignore.yaml');
    writeFileSync(path, '\uFEFF- id: CVE-2023-1234\n  reason: accepted\n');
    await expect(readIgnoreFile(path)).resolves.toEqual({
      source: path,
      entries: [{ entry: 1, line: 1, id: 'CVE-2023-1234', reason: 'accepted' }],
    });
  });

  it('says so when the file is missing', async () => {
    const path = join(dir, 'missing.yaml');
    await expect(readIgnoreFile(path)).rejects.toThrow(
      new NotFoundError(`ignore file ${path} does not exist`)
    );
  });

  it('refuses bytes that are not UTF-8', async () => {
    const path = join(dir, 'latin1.trivyignore');
    writeFileSync(path, Buffer.from([0x43, 0x56, 0x45, 0xe9, 0x0a]));
    await expect(readIgnoreFile(path)).rejects.toThrow(
      new InputError(`ignore file ${path} is not valid UTF-8`)
    );
  });
});
