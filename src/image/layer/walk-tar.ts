import type { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { InputError } from '../../core/errors.js';
import type { Analyzer } from '../analyzer/types.js';
import { analyzeFile, maxFileSize, selectAnalyzers } from './analyze-file.js';
import type { WalkLimits } from './limits.js';
import { normaliseEntryPath, opaqueMarker, splitPath, whiteoutPrefix } from './paths.js';
import { emptyLayerAnalysis, type LayerAnalysis } from './types.js';

const regularTypes = new Set<Header['type']>(['file', 'contiguous-file']);

/**
 * Walks one uncompressed layer tar once, in a stream: records whiteouts, hands the files
 * analyzers want to them, and drains everything else without buffering it. Nothing is
 * written to disk, so a hostile entry name can do no harm beyond being refused.
 */
export async function walkTar(
  tar: Readable,
  analyzers: readonly Analyzer[],
  limits: WalkLimits,
  where: string
): Promise<LayerAnalysis> {
  const result = emptyLayerAnalysis();
  const entries = extract();
  tar.on('error', (error) => entries.destroy(error));
  tar.pipe(entries);
  for await (const entry of entries) {
    result.entries++;
    if (result.entries > limits.maxEntries) {
      throw new InputError(`${where}: more than ${limits.maxEntries} entries`);
    }
    const header = entry.header;
    const path = normaliseEntryPath(header.name, where, limits.maxPathLength);
    if (path === undefined || recordWhiteout(path, result)) {
      entry.resume();
      continue;
    }
    const wanted = selectAnalyzers(analyzers, path);
    if (header.type === 'symlink' || header.type === 'link') {
      // A link hides whatever lower layers had at its path, a whole directory included.
      result.shadowed.push(path);
      if (header.type === 'link' && wanted.length > 0) {
        result.notes.push(`${where}: ${path} is a hard link; it was not followed`);
      }
      entry.resume();
      continue;
    }
    if (wanted.length === 0) {
      entry.resume();
      continue;
    }
    if (!regularTypes.has(header.type)) {
      result.shadowed.push(path);
      entry.resume();
      continue;
    }
    const limit = maxFileSize(wanted);
    const size = header.size;
    if (size > limit) {
      result.shadowed.push(path);
      result.notes.push(`${where}: ${path} is ${size} bytes, over the ${limit}-byte cap; not read`);
      entry.resume();
      continue;
    }
    const content = await readEntry(entry as AsyncIterable<Buffer>, size);
    result.files[path] = await analyzeFile(wanted, path, content, where);
  }
  return result;
}

/** Returns true when the entry is a whiteout marker (recorded, never analysed). */
function recordWhiteout(path: string, result: LayerAnalysis): boolean {
  const { dir, base } = splitPath(path);
  if (!base.startsWith(whiteoutPrefix)) {
    return false;
  }
  if (base === opaqueMarker) {
    result.opaqueDirs.push(dir);
  } else if (!base.startsWith(`${whiteoutPrefix}${whiteoutPrefix}`)) {
    const name = base.slice(whiteoutPrefix.length);
    result.whiteouts.push(dir === '' ? name : `${dir}/${name}`);
  }
  return true;
}

async function readEntry(entry: AsyncIterable<Buffer>, size: number): Promise<Buffer> {
  const content = Buffer.allocUnsafe(size);
  let offset = 0;
  for await (const chunk of entry) {
    if (offset + chunk.length > size) {
      throw new InputError('a tar entry is longer than its header says');
    }
    chunk.copy(content, offset);
    offset += chunk.length;
  }
  return offset === size ? content : content.subarray(0, offset);
}
