import { walkDocuments } from '../../source/document-tree.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { addDocument } from './document.js';
import type { FixTable } from './fix-table.js';
import { maxFileBytes } from './limits.js';
import { formatOfName } from './parse-text.js';

/**
 * Adds every secdb file under `root` to the table. Both layouts are read: one folder per
 * release (`v3.11/main.yaml`) and flat files. The release comes from each file's
 * `distroversion`, never from its folder's name. Yields the error items.
 */
export async function* addDirectory(
  root: string,
  table: FixTable,
  context: SourceContext
): AsyncGenerator<SourceItem> {
  const options = {
    formatOf: formatOfName,
    maxBytes: maxFileBytes,
    unit: 'one secdb file',
    source: 'alpine-secdb',
  };
  for await (const item of walkDocuments(root, context, options)) {
    if (item.kind === 'document') {
      yield* addDocument(item.bytes, item.format, item.relative, table);
    } else {
      yield item;
    }
  }
}
