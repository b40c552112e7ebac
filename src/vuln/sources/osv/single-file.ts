import { InputError } from '../../../core/errors.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { formatOf, itemsFromDocument } from './documents.js';
import { maxSingleFileBytes } from './limits.js';
import { readCapped, readHead } from '../../source/read-capped.js';
import { isZip, readZip } from './zip.js';

/**
 * A file given as the location, or downloaded: a zip is recognised by its first bytes, since
 * a download's name says nothing reliable and a renamed all.zip is still a zip. Anything else
 * is one document, YAML when `name` ends in `.yaml`/`.yml`, JSON otherwise; it may hold one
 * record or an array of them.
 *
 * `name` is what origins are built from: the file's base name, or the URL's last segment.
 */
export async function* readSingleFile(
  path: string,
  name: string,
  context: SourceContext
): AsyncGenerator<SourceItem> {
  if (isZip(await readHead(path, 4))) {
    yield* readZip(path, name, context);
    return;
  }
  const read = await readCapped(path, maxSingleFileBytes);
  if (!read.ok) {
    throw new InputError(
      `${name} is ${read.size} bytes, over the ${maxSingleFileBytes}-byte cap for a single file`
    );
  }
  yield* itemsFromDocument(read.bytes, formatOf(name) ?? 'json', name);
}
