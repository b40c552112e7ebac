import type { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { InputError } from '../../core/errors.js';
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
  const candidates = sniffers(analyzers);
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
    const byPath = selectAnalyzers(analyzers, path);
    if (header.type === 'symlink' || header.type === 'link') {
      // A link hides whatever lower layers had at its path, a whole directory included.
      result.shadowed.push(path);
      if (header.type === 'link' && byPath.length > 0) {
        result.notes.push(`${where}: ${path} is a hard link; it was not followed`);
      }
      entry.resume();
      continue;
    }
    const regular = regularTypes.has(header.type);
    const sniffing = byPath.length === 0 && regular && isExecutable(header.mode);
    if (byPath.length === 0 && !(sniffing && candidates.length > 0)) {
      entry.resume();
      continue;
    }
    if (!regular) {
      result.shadowed.push(path);
      entry.resume();
      continue;
    }
    const chunks = (entry as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const head = await readHead(chunks, Math.min(sniffLength, header.size));
    const wanted = byPath.length > 0 ? byPath : selectByContent(candidates, head);
    if (wanted.length === 0) {
      await drain(chunks);
      continue;
    }
    const limit = maxFileSize(wanted);
    const size = header.size;
    if (size > limit) {
      result.shadowed.push(path);
      result.notes.push(`${where}: ${path} is ${size} bytes, over the ${limit}-byte cap; not read`);
      await drain(chunks);
      continue;
    }
    const content = await readRest(chunks, head, size);
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

/**
 * The entry's first bytes, at least `length` of them unless it ends sooner. What it read past
 * `length` stays in the returned buffer, so `readRest` continues exactly where this stopped.
 */
async function readHead(chunks: AsyncIterator<Buffer>, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let read = 0;
  while (read < length) {
    const next = await chunks.next();
    if (next.done === true) {
      break;
    }
    parts.push(next.value);
    read += next.value.length;
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}

/** Once the iterator has started, the rest is read through it too, never by `resume()`. */
async function drain(chunks: AsyncIterator<Buffer>): Promise<void> {
  for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) {
    // Discarded: nothing wants these bytes.
  }
}

async function readRest(
  chunks: AsyncIterator<Buffer>,
  head: Buffer,
  size: number
): Promise<Buffer> {
  if (head.length > size) {
    throw new InputError('a tar entry is longer than its header says');
  }
  const content = Buffer.allocUnsafe(size);
  head.copy(content, 0);
  let offset = head.length;
  for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) {
    const chunk = next.value;
    if (offset + chunk.length > size) {
      throw new InputError('a tar entry is longer than its header says');
    }
    chunk.copy(content, offset);
    offset += chunk.length;
  }
  return offset === size ? content : content.subarray(0, offset);
}
