import { readLocation } from '../../source/location.js';
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
export const source: AdvisorySource<SourceItem> = {
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

function addLocation(
  location: string,
  table: FixTable,
  context: SourceContext
): AsyncIterable<SourceItem> {
  return readLocation(location, context, {
    file: (path, name) => addSingleFile(path, name, table),
    directory: (path) => addDirectory(path, table, context),
  });
}
