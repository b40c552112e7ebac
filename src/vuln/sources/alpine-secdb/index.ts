import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { describeError, InputError, NotFoundError } from '../../../core/errors.js';
import { download, isHttpUrl } from '../../source/download.js';
import type { AdvisorySource, SourceContext, SourceItem } from '../../source/types.js';
import { addDirectory } from './directory.js';
import { createFixTable, type FixTable } from './fix-table.js';
import { recordItems } from './records.js';
import { addSingleFile } from './single-file.js';

/**
 * Alpine's security database (secdb): per release and repository, the CVEs each package's
 * builds fix. Read from a directory (`v3.11/main.yaml`, or flat files), one YAML or JSON
 * file, or one file behind an `http(s)` URL (`https://secdb.alpinelinux.org/v3.20/main.json`),
 * and turned into one OSV record per CVE and release, ecosystem `Alpine:v3.11`.
 */
export const source: AdvisorySource = {
  id: 'alpine-secdb',
  description:
    "Alpine's secdb (secfixes per release) from a directory, a YAML/JSON file or an http(s) URL",
  read,
};

/**
 * Error items come as each file is read; records come last, once every file is in, since a
 * release's record for a CVE groups the packages of all its files.
 */
async function* read(location: string, context: SourceContext): AsyncGenerator<SourceItem> {
  const table = createFixTable();
  yield* addLocation(location, table, context);
  for (const item of recordItems(table)) {
    context.signal?.throwIfAborted();
    yield item;
  }
}

async function* addLocation(
  location: string,
  table: FixTable,
  context: SourceContext
): AsyncGenerator<SourceItem> {
  if (isHttpUrl(location)) {
    const file = await download(location, context);
    yield* addSingleFile(file.path, file.name, table);
    return;
  }
  const path = resolve(location);
  const stats = await statLocation(path, location);
  if (stats.isDirectory()) {
    yield* addDirectory(path, table, context);
  } else if (stats.isFile()) {
    yield* addSingleFile(path, basename(path), table);
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
