import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { parseDigest, DigestVerifier } from '../../../core/digest.js';
import { InputError, NotFoundError } from '../../../core/errors.js';

/** Blobs live at `blobs/<algorithm>/<hex>`; a parsed digest cannot name any other path. */
export function blobPath(layoutDir: string, digest: string): string {
  const { algorithm, hex } = parseDigest(digest);
  return join(layoutDir, 'blobs', algorithm, hex);
}

/** Reads a small blob whole, refusing one over `maxBytes` or one that does not match its digest. */
export async function readBlob(
  layoutDir: string,
  digest: string,
  maxBytes: number,
  what: string
): Promise<Buffer> {
  const path = blobPath(layoutDir, digest);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new NotFoundError(`${what}: blob ${digest} is missing from the layout`, { cause: error });
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      throw new InputError(
        `${what}: blob ${digest} is ${size} bytes, over the ${maxBytes}-byte cap`
      );
    }
    const content = await handle.readFile();
    const verifier = new DigestVerifier(digest, what);
    verifier.update(content);
    verifier.verify();
    return content;
  } finally {
    await handle.close();
  }
}

export async function openBlobStream(
  layoutDir: string,
  digest: string,
  what: string
): Promise<Readable> {
  const path = blobPath(layoutDir, digest);
  try {
    await stat(path);
  } catch (error) {
    throw new NotFoundError(`${what}: blob ${digest} is missing from the layout`, { cause: error });
  }
  return createReadStream(path, { highWaterMark: 1024 * 1024 });
}
