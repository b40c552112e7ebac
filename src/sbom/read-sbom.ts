import { open, type FileHandle } from 'node:fs/promises';
import { InputError, NotFoundError } from '../core/errors.js';
import type { Inventory } from '../core/inventory.js';
import { sbomReaders } from './api.js';
import { sbomLimits } from './limits.js';

/**
 * Reads an SBOM file into an inventory: CycloneDX or SPDX JSON, told apart by their marker
 * fields rather than the file name (stored SBOMs are often named by digest).
 */
export async function readSbomFile(
  path: string,
  maxBytes: number = sbomLimits.maxBytes
): Promise<Inventory> {
  const text = await readCapped(path, maxBytes);
  let doc: unknown;
  try {
    // A byte-order mark is legal in files some Windows tools write, and JSON.parse refuses it.
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(
      `${path} is not JSON (${(error as Error).message}); Palisade reads CycloneDX and SPDX SBOMs in their JSON forms`,
      { cause: error }
    );
  }
  return readSbom(doc, path);
}

/** Picks the reader whose format the parsed document is in, and reads it. */
export function readSbom(doc: unknown, source: string): Inventory {
  for (const reader of sbomReaders.values()) {
    if (reader.detect(doc)) {
      return reader.read(doc, source);
    }
  }
  throw new InputError(
    `${source} is not an SBOM Palisade reads: neither CycloneDX JSON ("bomFormat": "CycloneDX") nor SPDX 2 JSON ("spdxVersion": "SPDX-2.x")`
  );
}

const chunkBytes = 1024 * 1024;

async function readCapped(path: string, maxBytes: number): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new NotFoundError(`no such SBOM file: ${path}`, { cause: error });
    }
    throw new InputError(`cannot read the SBOM ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      throw new InputError(`${path} is not a regular file`);
    }
    if (stats.size > maxBytes) {
      throw new InputError(tooLarge(path, maxBytes));
    }
    // Read to the end, not to the size stat gave, and stop at the cap: the file may grow.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(chunkBytes);
      const { bytesRead } = await handle.read(chunk, 0, chunkBytes, null);
      if (bytesRead === 0) {
        break;
      }
      length += bytesRead;
      if (length > maxBytes) {
        throw new InputError(tooLarge(path, maxBytes));
      }
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, length).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) {
      throw error;
    }
    throw new InputError(`cannot read the SBOM ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await handle.close();
  }
}

function tooLarge(path: string, maxBytes: number): string {
  return `${path} is larger than ${maxBytes / (1024 * 1024)} MiB, the limit for an SBOM`;
}
