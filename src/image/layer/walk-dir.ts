import type { Dirent } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, NotFoundError } from '../../core/errors.js';
import type { Analyzer } from '../analyzer/types.js';
import { analyzeFile, maxFileSize, selectAnalyzers } from './analyze-file.js';
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
      const wanted = entry.isFile() ? selectAnalyzers(analyzers, path) : [];
      if (wanted.length > 0) {
        const content = await readCapped(join(root, path), maxFileSize(wanted), path, result);
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
