import { comparePackages, inventorySchemaVersion, type Inventory } from '../core/inventory.js';
import type { Logger } from '../core/logger.js';
import type { LayerRef, Package } from '../core/package.js';
import { packagePurl } from '../core/purl.js';
import type { Analyzer } from './analyzer/types.js';
import { layerCacheKey, type LayerCache } from './cache/layer-cache.js';
import { analyzeLayer } from './layer/analyze-layer.js';
import type { WalkLimits } from './layer/limits.js';
import type { LayerAnalysis } from './layer/types.js';
import { walkDirectory } from './layer/walk-dir.js';
import { mergeLayers, type MergedImage } from './merge.js';
import type { LayerSource, ResolvedImage } from './source/types.js';

export interface ScanProgress {
  /** Compressed bytes downloaded so far, over the layers that had to be fetched. */
  bytes: number;
  totalBytes: number;
  layersDone: number;
  layersTotal: number;
}

export interface ScanOptions {
  analyzers: readonly Analyzer[];
  limits: WalkLimits;
  logger: Logger;
  toolVersion: string;
  /** Absent with `--no-cache`. */
  cache?: LayerCache;
  /** Layers analysed at once; each streams one blob. */
  concurrency: number;
  onProgress?: (progress: ScanProgress) => void;
  now?: () => Date;
}

/** Turns a resolved image into its inventory: every layer walked once, then merged. */
export async function scanImage(image: ResolvedImage, options: ScanOptions): Promise<Inventory> {
  const merged = image.rootfs
    ? mergeLayers([
        { analysis: await walkDirectory(image.rootfs, options.analyzers, options.limits) },
      ])
    : mergeLayers(await analyzeLayers(image.layers, options));
  return toInventory(image, merged, options);
}

async function analyzeLayers(
  layers: readonly LayerSource[],
  options: ScanOptions
): Promise<{ ref: LayerRef; analysis: LayerAnalysis }[]> {
  const progress: ScanProgress = {
    bytes: 0,
    totalBytes: 0,
    layersDone: 0,
    layersTotal: layers.length,
  };
  const results = new Array<LayerAnalysis | undefined>(layers.length);
  const missing: LayerSource[] = [];
  for (const layer of layers) {
    const cached = await options.cache?.get(cacheKey(layer, options));
    if (cached) {
      results[layer.index] = cached;
      progress.layersDone++;
    } else {
      missing.push(layer);
      progress.totalBytes += layer.size;
    }
  }
  options.logger.debug(
    { layers: layers.length, cached: layers.length - missing.length },
    'layer cache lookup'
  );
  options.onProgress?.(progress);
  await runBounded(missing, options.concurrency, async (layer) => {
    const analysis = await analyzeLayer(layer, options.analyzers, options.limits, (count) => {
      progress.bytes += count;
      options.onProgress?.(progress);
    });
    results[layer.index] = analysis;
    progress.layersDone++;
    options.onProgress?.(progress);
    await options.cache?.put(cacheKey(layer, options), analysis);
  });
  return layers.map((layer) => ({
    ref: { index: layer.index, digest: layer.digest, diffId: layer.diffId },
    analysis: results[layer.index] ?? missingResult(layer),
  }));
}

function cacheKey(layer: LayerSource, options: ScanOptions): string {
  return layerCacheKey(layer.digest, options.analyzers, options.limits);
}

function missingResult(layer: LayerSource): never {
  throw new Error(`layer ${layer.index} was never analysed`);
}

/** Runs `work` over `items` with at most `limit` in flight; the first failure stops new work. */
async function runBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function toInventory(image: ResolvedImage, merged: MergedImage, options: ScanOptions): Inventory {
  const packages: Package[] = merged.packages.map(({ record, location, layer }) => ({
    ...record,
    purl: packagePurl(record, merged.os),
    location,
    ...(layer ? { layer } : {}),
  }));
  packages.sort(comparePackages);
  const inventory: Inventory = {
    schemaVersion: inventorySchemaVersion,
    tool: { name: 'palisade', version: options.toolVersion },
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    artifact: {
      name: image.name,
      transport: image.transport,
      layers: image.layers.map((layer) => ({
        index: layer.index,
        digest: layer.digest,
        diffId: layer.diffId,
      })),
    },
    packages,
    notes: merged.notes,
  };
  const artifact = inventory.artifact;
  if (image.manifestDigest) {
    artifact.manifestDigest = image.manifestDigest;
  }
  if (image.indexDigest) {
    artifact.indexDigest = image.indexDigest;
  }
  if (image.configDigest) {
    artifact.configDigest = image.configDigest;
  }
  if (image.platform) {
    artifact.platform = {
      os: image.platform.os,
      architecture: image.platform.architecture,
      ...(image.platform.variant ? { variant: image.platform.variant } : {}),
    };
  }
  if (image.config?.created) {
    artifact.created = image.config.created;
  }
  if (merged.os) {
    inventory.os = merged.os;
  }
  return inventory;
}
