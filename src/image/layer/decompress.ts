import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import type { LayerCompression } from '../oci/media-types.js';

/**
 * Compression as the bytes say, which wins over the media type: registries and tools
 * mislabel layers (an uncompressed tar as `tar.gzip`), and the magic cannot lie.
 */
export function sniffCompression(head: Uint8Array): LayerCompression {
  if (head[0] === 0x1f && head[1] === 0x8b) {
    return 'gzip';
  }
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    return 'zstd';
  }
  return 'none';
}

/** Node 20's zlib has no zstd, so zstd layers go through fzstd's streaming decoder. */
class ZstdDecompress extends Transform {
  readonly #decoder = new Decompress((data) => {
    this.push(data);
  });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#decoder.push(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.#decoder.push(new Uint8Array(0), true);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

export function createDecompressor(compression: LayerCompression): Transform | undefined {
  switch (compression) {
    case 'gzip':
      return createGunzip({ chunkSize: 256 * 1024 });
    case 'zstd':
      return new ZstdDecompress();
    case 'none':
      return undefined;
  }
}
