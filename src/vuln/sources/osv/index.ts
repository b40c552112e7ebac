import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { describeError, InputError, NotFoundError } from '../../../core/errors.js';
import type { AdvisorySource, SourceContext, SourceItem } from '../../source/types.js';
import { readDirectory } from './directory.js';
import { download, isHttpUrl } from '../../source/download.js';
import { readSingleFile } from './single-file.js';

/**
 * OSV records as osv.dev and the advisory repositories publish them: a directory of JSON or
 * YAML files (a clone of github.com/pypa/advisory-database), one file, a zip such as
 * `https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip`, or any of those files
 * behind an `http(s)` URL.
 */
export const source: AdvisorySource = {
  id: 'osv',
  description:
    'OSV records from a directory of JSON/YAML files, a single file, a zip (all.zip) or an http(s) URL',
  read,
};

async function* read(location: string, context: SourceContext): AsyncGenerator<SourceItem> {
  if (isHttpUrl(location)) {
    const file = await download(location, context);
    yield* readSingleFile(file.path, file.name, context);
    return;
  }
  const path = resolve(location);
  const stats = await statLocation(path, location);
  if (stats.isDirectory()) {
    yield* readDirectory(path, context);
  } else if (stats.isFile()) {
    yield* readSingleFile(path, basename(path), context);
  } else {
    throw new InputError(`${location} is neither a file nor a directory`);
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
