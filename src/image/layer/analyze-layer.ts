import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ExternalHostError,
  InputError,
  describeError,
  isPalisadeError,
} from '../../core/errors.js';
import type { Analyzer } from '../analyzer/types.js';
import type { LayerSource } from '../source/types.js';
import { createDecompressor, sniffCompression } from './decompress.js';
import { HashingTap } from './hashing-tap.js';
import type { WalkLimits } from './limits.js';
import type { LayerAnalysis } from './types.js';
import { walkTar } from './walk-tar.js';

export function describeLayer(layer: Pick<LayerSource, 'index' | 'digest'>): string {
  return `layer ${layer.index + 1} (${layer.digest.slice(0, 19)})`;
}

const networkErrorCodes = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNREFUSED',
  'ENOTFOUND',
]);

/**
 * Streams one layer blob exactly once: verify the blob digest and size, decompress,
 * verify the diffID, and walk the tar for the analyzers, all in one pass.
 */
export async function analyzeLayer(
  layer: LayerSource,
  analyzers: readonly Analyzer[],
  limits: WalkLimits,
  onBytes?: (count: number) => void
): Promise<LayerAnalysis> {
  const where = describeLayer(layer);
  const raw = await layer.open();
  try {
    const head = await peek(raw);
    const compression = sniffCompression(head);
    const blobTap = new HashingTap({
      digest: layer.digest,
      what: `${where} blob`,
      exactBytes: layer.size,
      ...(onBytes ? { onBytes } : {}),
    });
    const decompressor = createDecompressor(compression);
    const stages: NodeJS.ReadWriteStream[] = [blobTap];
    if (decompressor || layer.diffId !== layer.digest) {
      if (decompressor) {
        stages.push(decompressor);
      }
      stages.push(
        new HashingTap({
          digest: layer.diffId,
          what: `${where} uncompressed content (diffID)`,
          maxBytes: limits.maxLayerBytes,
        })
      );
    }
    const tar = stages.at(-1) as unknown as Readable;
    const flowing = pipeline([raw, ...stages] as readonly NodeJS.ReadWriteStream[]);
    const [analysis] = await Promise.all([walkTar(tar, analyzers, limits, where), flowing]);
    analysis.bytes = (stages.at(-1) as HashingTap).bytes;
    return analysis;
  } catch (error) {
    raw.destroy();
    throw classify(error, where);
  }
}

/** Reads the first chunk and puts it back, so the compression can be sniffed. */
async function peek(stream: Readable): Promise<Uint8Array> {
  for (;;) {
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      stream.unshift(chunk);
      return chunk;
    }
    if (stream.readableEnded) {
      return new Uint8Array(0);
    }
    await new Promise<void>((resolve, reject) => {
      const done = (): void => {
        stream.off('readable', done);
        stream.off('end', done);
        stream.off('error', fail);
        resolve();
      };
      const fail = (error: Error): void => {
        stream.off('readable', done);
        stream.off('end', done);
        reject(error);
      };
      stream.once('readable', done);
      stream.once('end', done);
      stream.once('error', fail);
    });
  }
}

function classify(error: unknown, where: string): Error {
  if (isPalisadeError(error)) {
    return error;
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (networkErrorCodes.has(code) || code.startsWith('UND_ERR'))) {
    return new ExternalHostError(`${where}: download failed: ${describeError(error)}`, {
      cause: error,
    });
  }
  return new InputError(`${where}: corrupt layer: ${describeError(error)}`, { cause: error });
}
