import { createHash, type Hash } from 'node:crypto';
import { InputError, IntegrityError } from './errors.js';

/** OCI digests we accept. Anything else is refused rather than trusted unverified. */
const algorithms = { sha256: 64, sha512: 128 } as const;
export type DigestAlgorithm = keyof typeof algorithms;

export interface ParsedDigest {
  algorithm: DigestAlgorithm;
  hex: string;
}

export function parseDigest(digest: string): ParsedDigest {
  const match = /^(?<algorithm>sha256|sha512):(?<hex>[a-f0-9]+)$/.exec(digest);
  const algorithm = match?.groups?.['algorithm'] as DigestAlgorithm | undefined;
  const hex = match?.groups?.['hex'];
  if (!algorithm || !hex || hex.length !== algorithms[algorithm]) {
    throw new InputError(`not a valid digest: ${JSON.stringify(digest.slice(0, 100))}`);
  }
  return { algorithm, hex };
}

export function isDigest(value: string): boolean {
  try {
    parseDigest(value);
    return true;
  } catch {
    return false;
  }
}

export function digestOf(data: Uint8Array, algorithm: DigestAlgorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/** Hashes bytes as they pass and checks the result against the expected digest at the end. */
export class DigestVerifier {
  readonly #expected: ParsedDigest;
  readonly #hash: Hash;
  readonly #what: string;
  #bytes = 0;

  constructor(expected: string, what: string) {
    this.#expected = parseDigest(expected);
    this.#hash = createHash(this.#expected.algorithm);
    this.#what = what;
  }

  update(chunk: Uint8Array): void {
    this.#bytes += chunk.length;
    this.#hash.update(chunk);
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Throws IntegrityError when the content does not match. */
  verify(): void {
    const actual = this.#hash.digest('hex');
    if (actual !== this.#expected.hex) {
      throw new IntegrityError(
        `${this.#what}: digest mismatch, expected ${this.#expected.algorithm}:${this.#expected.hex} but the content hashes to ${this.#expected.algorithm}:${actual}`
      );
    }
  }
}
