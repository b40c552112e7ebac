import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { UsageError } from '../core/errors.js';

/**
 * Writes a report whole or not at all: into a temp file beside the target, then renamed
 * over it, so a reader never sees half an SBOM and a failed scan leaves the old file alone.
 */
export async function writeReport(
  path: string | undefined,
  content: string,
  stdout: NodeJS.WritableStream
): Promise<void> {
  if (path === undefined || path === '-') {
    await new Promise<void>((resolve, reject) => {
      stdout.write(content, (error) => (error ? reject(error) : resolve()));
    });
    return;
  }
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new UsageError(`cannot write --output ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
