import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { describeError, InputError, NotFoundError } from '../../core/errors.js';
import { download, isHttpUrl } from './download.js';
import type { SourceContext, SourceItem } from './types.js';

export interface LocationReaders {
  /** A file given as the location, or downloaded from it; `name` is what messages call it. */
  file: (path: string, name: string) => AsyncIterable<SourceItem>;
  /** A folder given as the location; sources that read only single files leave it out. */
  directory?: (path: string) => AsyncIterable<SourceItem>;
}

/**
 * What every source does with its location: download an `http(s)` URL into the temporary
 * folder first, then read a file or walk a folder. A location that does not exist, or is
 * neither, throws: nothing is built from a source that could not be read.
 */
export async function* readLocation(
  location: string,
  context: SourceContext,
  readers: LocationReaders
): AsyncGenerator<SourceItem> {
  if (isHttpUrl(location)) {
    const file = await download(location, context);
    yield* readers.file(file.path, file.name);
    return;
  }
  const path = resolve(location);
  const stats = await statLocation(path, location);
  if (stats.isDirectory() && readers.directory) {
    yield* readers.directory(path);
  } else if (stats.isFile()) {
    yield* readers.file(path, basename(path));
  } else {
    throw new InputError(
      `${location} is ${stats.isDirectory() ? 'a directory; give a file' : 'neither a file nor a directory'}`
    );
  }
}

/** The location itself may be a symbolic link: the user named it, so it is followed. */
async function statLocation(path: string, location: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new NotFoundError(`${location} does not exist`, { cause: error });
    }
    throw new InputError(`${location} cannot be read: ${describeError(error)}`, { cause: error });
  }
}
