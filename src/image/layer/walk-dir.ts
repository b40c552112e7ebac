import type { Dirent } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, NotFoundError, describeError } from '../../core/errors.js';
import { sniffLength, type Analyzer } from '../analyzer/types.js';
import {
  analyzeFile,
  isExecutable,
  maxFileSize,
  selectAnalyzers,
  selectByContent,
  sniffers,
} from './analyze-file.js';
import type { WalkLimits } from './limits.js';
import { emptyLayerAnalysis, type LayerAnalysis } from './types.js';

/** Kernel filesystems of a live root: walking them reads nothing installed and may never end. */
const skippedTopLevel = new Set(['proc', 'sys', 'dev']);

/**
 * Walks an unpacked root filesystem as if it were one layer. Symbolic links are never
 * followed, for files or directories, so a link cannot lead the walk outside the root.
 */
export async function walkDirectory(
  root: string,
  analyzers: readonly Analyzer[],
  limits: WalkLimits
): Promise<LayerAnalysis> {
  const result = emptyLayerAnalysis();
  const candidates = sniffers(analyzers);
  const where = `dir:${root}`;
  const pending: string[] = [''];
  while (pending.length > 0) {
    const relativeDir = pending.pop() ?? '';
    for (const entry of await readEntries(root, relativeDir, where)) {
      result.entries++;
      if (result.entries > limits.maxEntries) {
        throw new InputError(`${where}: more than ${limits.maxEntries} entries`);
      }
      const path = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!(relativeDir === '' && skippedTopLevel.has(entry.name))) {
          pending.push(path);
        }
        continue;
      }
      if (!entry.isFile()) {
        continue;
      }
      const byPath = selectAnalyzers(analyzers, path);
      const file = join(root, path);
      const wanted =
        byPath.length > 0 || candidates.length === 0
          ? byPath
          : await sniff(file, path, candidates, result);
      if (wanted.length > 0) {
        const content = await readCapped(file, maxFileSize(wanted), path, result);
        if (content) {
          result.bytes += content.length;
          result.files[path] = await analyzeFile(wanted, path, content, where);
        }
      }
    }
  }
  return result;
}

async function readEntries(root: string, relativeDir: string, where: string): Promise<Dirent[]> {
  try {
    return await readdir(join(root, relativeDir), { withFileTypes: true });
  } catch (error) {
    if (relativeDir === '') {
      throw new NotFoundError(`${where}: not a readable directory`, { cause: error });
    }
    throw new InputError(`${where}: cannot read ${relativeDir}`, { cause: error });
  }
}

/** The analyzers that want this file by its first bytes; only executables are opened. */
async function sniff(
  file: string,
  path: string,
  candidates: readonly Analyzer[],
  result: LayerAnalysis
): Promise<Analyzer[]> {
  // One stat per file: only executables are opened, so a scan of / as a user opens no more
  // than it can, and a file it may not read that is not a program costs nothing.
  if (!isExecutable((await lstat(file)).mode)) {
    return [];
  }
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    result.notes.push(
      `${path} is a program this user cannot read; not examined (${describeError(error)})`
    );
    return [];
  }
  try {
    const head = Buffer.alloc(sniffLength);
    const { bytesRead } = await handle.read(head, 0, sniffLength, 0);
    return selectByContent(candidates, head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

async function readCapped(
  file: string,
  limit: number,
  path: string,
  result: LayerAnalysis
): Promise<Buffer | undefined> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limit) {
      result.notes.push(`${path} is ${size} bytes, over the ${limit}-byte cap; not read`);
      return undefined;
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
