import { Transform, type TransformCallback } from 'node:stream';
import { DigestVerifier } from '../../core/digest.js';
import { IntegrityError } from '../../core/errors.js';

export interface HashingTapOptions {
  /** Digest the bytes must hash to. */
  digest: string;
  /** What the bytes are, for messages: `layer 2 (sha256:ab12…) blob`. */
  what: string;
  /** Exact length expected (a descriptor's size). */
  exactBytes: number;
  onBytes?: (count: number) => void;
}

/**
 * Passes bytes through unchanged while hashing and counting them, and fails the stream at
 * its end when the digest or length is wrong, so a lying blob never becomes a result.
 */
export class HashingTap extends Transform {
  readonly #verifier: DigestVerifier;
  readonly #options: HashingTapOptions;

  constructor(options: HashingTapOptions) {
    super({ highWaterMark: 256 * 1024 });
    this.#options = options;
    this.#verifier = new DigestVerifier(options.digest, options.what);
  }

  get bytes(): number {
    return this.#verifier.bytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#verifier.update(chunk);
    const { exactBytes, what } = this.#options;
    if (this.#verifier.bytes > exactBytes) {
      callback(
        new IntegrityError(`${what}: longer than the ${exactBytes} bytes its descriptor says`)
      );
      return;
    }
    this.#options.onBytes?.(chunk.length);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const { exactBytes, what } = this.#options;
    if (this.#verifier.bytes !== exactBytes) {
      callback(
        new IntegrityError(
          `${what}: truncated, ${this.#verifier.bytes} of the ${exactBytes} bytes its descriptor says`
        )
      );
      return;
    }
    try {
      this.#verifier.verify();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}
