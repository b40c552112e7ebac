import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { describeError, InputError, NotFoundError } from '../../../core/errors.js';
import { download, isHttpUrl } from '../../source/download.js';
import type { SourceContext } from '../../source/types.js';
import { readChunkBytes } from './limits.js';

export interface TrackerFile {
  /** Where the bytes are on disk: the file given, or the download. */
  path: string;
  /** Short name that prefixes origins: `tracker.json`, or `json` for the tracker's URL. */
  name: string;
  /** What messages that fail the whole source call it: the location as given, or the URL. */
  label: string;
}

/**
 * The file behind a location. A URL is downloaded first (into the context's temporary
 * folder, by the shared helper) and then read from disk like any file, so a slow link never
 * holds the reader up mid-package.
 */
export async function locate(location: string, context: SourceContext): Promise<TrackerFile> {
  if (isHttpUrl(location)) {
    const file = await download(location, context);
    return { path: file.path, name: file.name, label: file.shown };
  }
  const path = resolve(location);
  let isFile: boolean;
  try {
    // The location may be a symbolic link: the user named it, so it is followed.
    isFile = (await stat(path)).isFile();
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new NotFoundError(`${location} does not exist`, { cause: error });
    }
    throw new InputError(`${location} cannot be read: ${describeError(error)}`, { cause: error });
  }
  if (!isFile) {
    throw new InputError(`${location} is not a file: the tracker's data is one JSON file`);
  }
  return { path, name: basename(path), label: location };
}

/** The file's bytes a chunk at a time; a read that fails midway fails the source. */
export async function* fileChunks(file: TrackerFile): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(file.path, { highWaterMark: readChunkBytes });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield chunk;
    }
  } catch (error) {
    throw new InputError(`${file.label} cannot be read: ${describeError(error)}`, {
      cause: error,
    });
  } finally {
    stream.destroy();
  }
}
