import { InputError } from '../../../core/errors.js';
import { readCapped } from '../../source/read-capped.js';
import type { SourceItem } from '../../source/types.js';
import { addDocument } from './document.js';
import type { FixTable } from './fix-table.js';
import { maxFileBytes } from './limits.js';
import { formatOfName, sniffFormat } from './parse-text.js';

/**
 * A file given as the location, or downloaded. Its name picks the format (`main.json`,
 * `main.yaml`); a name that says neither is read as JSON when it opens with `{`, as YAML
 * otherwise. Too large a file throws: it is all the user gave, and nothing would be built.
 *
 * `name` is what origins are built from: the file's base name, or the URL's last segment.
 */
export async function* addSingleFile(
  path: string,
  name: string,
  table: FixTable
): AsyncGenerator<SourceItem> {
  const read = await readCapped(path, maxFileBytes);
  if (!read.ok) {
    throw new InputError(
      `${name} is ${read.size} bytes, over the ${maxFileBytes}-byte cap for one secdb file`
    );
  }
  const format = formatOfName(name) ?? sniffFormat(read.bytes);
  yield* addDocument(read.bytes, format, name, table);
}
