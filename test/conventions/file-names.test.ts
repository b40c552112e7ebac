/**
 * House rules that lint does not check: kebab-case names, short modules, no console output
 * outside the CLI, and no focused or skipped tests left behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Every file under the given top-level folders, as repo-relative paths with `/`. */
function filesUnder(...folders: string[]): string[] {
  function walk(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : [relative(repoRoot, path).split('\\').join('/')];
    });
  }
  return folders.flatMap((folder) => walk(join(repoRoot, folder))).sort();
}

function read(path: string): string {
  return readFileSync(join(repoRoot, path), 'utf8');
}

function isTest(path: string): boolean {
  return path.endsWith('.test.ts');
}

/** Offenders as one line each, `path:line: text`, for failure messages. */
function offendingLines(paths: string[], pattern: RegExp): string[] {
  return paths.flatMap((path) =>
    read(path)
      .split('\n')
      .flatMap((line, index) =>
        pattern.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : []
      )
  );
}

const allFiles = filesUnder('src', 'test', 'bench');

describe('file conventions', () => {
  it('finds the files it checks', () => {
    expect(allFiles).toContain('src/core/purl.ts');
    expect(allFiles).toContain('test/conventions/file-names.test.ts');
  });

  it('names every file and folder under src/, test/ and bench/ in kebab-case', () => {
    // `index.test.ts`, `transport.e2e.test.ts` and `readme.md` all fit: dots separate suffixes.
    const fileName = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*$/;
    const folderName = /^[a-z0-9]+(-[a-z0-9]+)*$/;
    const offenders = allFiles.filter((path) => {
      const parts = path.split('/');
      const name = parts.pop() ?? '';
      return !fileName.test(name) || parts.some((folder) => !folderName.test(folder));
    });
    expect(offenders, `not kebab-case:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('keeps every non-test source file in src/ to at most 600 lines', () => {
    const limit = 600;
    const offenders = allFiles
      .filter((path) => path.startsWith('src/') && path.endsWith('.ts') && !isTest(path))
      .map((path) => ({ path, lines: read(path).replace(/\n$/, '').split('\n').length }))
      .filter(({ lines }) => lines > limit)
      .map(({ path, lines }) => `${path}: ${lines} lines`);
    expect(offenders, `longer than ${limit} lines:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('writes to the console only from src/cli/', () => {
    const sources = allFiles.filter(
      (path) => path.startsWith('src/') && !path.startsWith('src/cli/') && path.endsWith('.ts')
    );
    const offenders = offendingLines(sources, /\bconsole\./);
    expect(offenders, `console use outside src/cli/:\n${offenders.join('\n')}`).toEqual([]);
  });

  it('leaves no focused, skipped or conditional test behind', () => {
    // only and skip as called methods, skipIf and runIf as calls, on any vitest function. The
    // one allowed condition: third-party data in ../shared/data, absent from clones elsewhere.
    const focusOrSkip =
      /\.(only|skip)\(|\b(skipIf|runIf)\((?!!vectorsAvailable\)|!sharedDataAvailable\))/;
    const offenders = offendingLines(allFiles.filter(isTest), focusOrSkip);
    expect(offenders, `focused or skipped tests:\n${offenders.join('\n')}`).toEqual([]);
  });
});
