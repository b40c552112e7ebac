import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, NotFoundError, UsageError } from '../../../core/errors.js';
import type { SourceProblem } from '../../source/types.js';

/** One input to read: a file, or standard input. */
export interface Input {
  /** For origins: the path as named or found, or `stdin`. */
  name: string;
  /** Undefined for standard input. */
  path: string | undefined;
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : 'unknown error';
}

/**
 * The inputs the paths name, in order: a directory stands for every regular file under it,
 * sorted. Every named path is checked before anything is read, so a typo is an error at once
 * (exit 2), not a report about the files before it. Inside a directory, symbolic links and
 * special files are skipped with a problem; a named path is taken as it is (a pipe from
 * `<(zcat ...)` is a file here).
 */
export async function listInputs(
  paths: readonly string[],
  report: (problem: SourceProblem) => void
): Promise<Input[]> {
  if (paths.length === 0) {
    throw new UsageError('name at least one audit log file or directory, or - for standard input');
  }
  const named: { path: string; stats: Stats | undefined }[] = [];
  for (const path of paths) {
    if (path === '-') {
      if (named.some((entry) => entry.path === '-')) {
        throw new UsageError('standard input (-) is named more than once');
      }
      named.push({ path, stats: undefined });
      continue;
    }
    try {
      named.push({ path, stats: await stat(path) });
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw new NotFoundError(`no such file or directory: ${path}`, { cause: error });
      }
      throw new InputError(`cannot read ${path} (${code})`, { cause: error });
    }
  }
  const inputs: Input[] = [];
  for (const { path, stats } of named) {
    if (stats === undefined) {
      inputs.push({ name: 'stdin', path: undefined });
    } else if (stats.isDirectory()) {
      await walk(path, inputs, report);
    } else {
      inputs.push({ name: path, path });
    }
  }
  return inputs;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function walk(
  directory: string,
  inputs: Input[],
  report: (problem: SourceProblem) => void
): Promise<void> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    report({
      reason: 'unreadable',
      origin: directory,
      detail: `cannot list the directory (${errorCode(error)})`,
    });
    return;
  }
  entries.sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isSymbolicLink()) {
      report({
        reason: 'unreadable',
        origin: path,
        detail: 'a symbolic link inside a directory is not followed',
      });
    } else if (entry.isDirectory()) {
      await walk(path, inputs, report);
    } else if (entry.isFile()) {
      inputs.push({ name: path, path });
    } else {
      report({ reason: 'unreadable', origin: path, detail: 'not a regular file' });
    }
  }
}
