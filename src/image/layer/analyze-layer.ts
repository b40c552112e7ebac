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
 * Streams one layer blob exactly once: verify the blob digest and size, decompress, and walk
 * the tar for the analyzers, all in one pass.
 *
 * The config's diffID is not recomputed. The bytes analysed are exactly the verified blob,
 * whose digest the manifest names and the cache is keyed by; a second SHA-256 over the
 * uncompressed bytes would cost a tenth of the scan to check a claim nothing here relies on.
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
    const blobTap = new HashingTap({
      digest: layer.digest,
      what: `${where} blob`,
      exactBytes: layer.size,
      ...(onBytes ? { onBytes } : {}),
    });
    const decompressor = createDecompressor(sniffCompression(head));
    const tar = decompressor ?? blobTap;
    const flowing = pipeline(decompressor ? [raw, blobTap, decompressor] : [raw, blobTap]);
    // walkTar pipes `tar` before it first awaits, so the counter joins an attached stream.
    const walking = walkTar(tar, analyzers, limits, where);
    const uncompressed = capUncompressed(tar, limits.maxLayerBytes, where);
    const [analysis] = await Promise.all([walking, flowing]);
    analysis.bytes = uncompressed.bytes;
    return analysis;
  } catch (error) {
    raw.destroy();
    throw classify(error, where);
  }
}

/**
 * Counts what the decompressor produces and stops a decompression bomb at the cap. A 'data'
 * listener beside the pipe sees every chunk without adding a stream stage.
 */
function capUncompressed(stream: Readable, maxBytes: number, where: string): { bytes: number } {
  const counter = { bytes: 0 };
  stream.on('data', (chunk: Buffer) => {
    counter.bytes += chunk.length;
    if (counter.bytes > maxBytes) {
      stream.destroy(
        new InputError(`${where}: more than ${maxBytes} bytes uncompressed; refusing it`)
      );
    }
  });
  return counter;
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
