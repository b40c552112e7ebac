import { readLocation } from '../../source/location.js';
import type { AdvisorySource, SourceContext, SourceItem } from '../../source/types.js';
import { readDirectory } from './directory.js';
import { readSingleFile } from './single-file.js';

/**
 * OSV records as osv.dev and the advisory repositories publish them: a directory of JSON or
 * YAML files (a clone of github.com/pypa/advisory-database), one file, a zip such as
 * `https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip`, or any of those files
 * behind an `http(s)` URL.
 */
export const source: AdvisorySource<SourceItem> = {
  id: 'osv',
  description:
    'OSV records from a directory of JSON/YAML files, a single file, a zip (all.zip) or an http(s) URL',
  read,
};

function read(location: string, context: SourceContext): AsyncIterable<SourceItem> {
  return readLocation(location, context, {
    file: (path, name) => readSingleFile(path, name, context),
    directory: (path) => readDirectory(path, context),
  });
}
