import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../core/logger.js';
import type { Analyzer } from '../analyzer/types.js';
import type { WalkLimits } from '../layer/limits.js';
import type { LayerAnalysis } from '../layer/types.js';
import { CachedLayer } from './schema.js';

/** Bump when the walk itself changes what a layer analysis contains. */
const walkerVersion = 4;

export interface LayerCache {
  get(key: string): Promise<LayerAnalysis | undefined>;
  put(key: string, analysis: LayerAnalysis): Promise<void>;
}

/**
 * A layer's analysis depends on its content, on every analyzer's version and on the walk's
 * limits; the key covers all three, so upgrading an analyzer invalidates exactly what it
 * could change. Content is named by the blob digest, not the config's diffID: a hit skips
 * the download, so the key must be something the scan verified when it wrote the entry. A
 * config may claim any diffID, and keying by it would let a hostile image borrow the cached
 * (clean) result of another layer and never have its own bytes looked at.
 */
export function layerCacheKey(
  blobDigest: string,
  analyzers: readonly Analyzer[],
  limits: WalkLimits
): string {
  const versions = analyzers.map((analyzer) => `${analyzer.id}@${analyzer.version}`).sort();
  return createHash('sha256')
    .update(JSON.stringify({ walkerVersion, blobDigest, versions, limits }))
    .digest('hex');
}

/** One JSON file per layer under `<dir>/layers/`, written atomically by rename. */
export class DirectoryLayerCache implements LayerCache {
  readonly #dir: string;
  readonly #logger: Logger;

  constructor(dir: string, logger: Logger) {
    this.#dir = join(dir, 'layers');
    this.#logger = logger;
  }

  async get(key: string): Promise<LayerAnalysis | undefined> {
    const path = join(this.#dir, `${key}.json`);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const cached = CachedLayer.safeParse(JSON.parse(text));
      if (cached.success && cached.data.key === key) {
        return cached.data.analysis;
      }
    } catch {
      // fall through: an unreadable entry is a miss
    }
    this.#logger.warn({ path }, 'discarding an unreadable layer cache entry');
    await rm(path, { force: true });
    return undefined;
  }

  async put(key: string, analysis: LayerAnalysis): Promise<void> {
    const path = join(this.#dir, `${key}.json`);
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(this.#dir, { recursive: true });
      await writeFile(temp, JSON.stringify({ key, analysis }));
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      // A cache that cannot be written costs speed, not correctness.
      this.#logger.warn({ err: error, dir: this.#dir }, 'could not write the layer cache');
    }
  }
}
