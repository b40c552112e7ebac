import { walkDocuments } from '../../source/document-tree.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { formatOf, itemsFromDocument } from './documents.js';
import { maxRecordBytes } from './limits.js';

/** Every OSV record under `root`: each `*.json`, `*.yaml` or `*.yml` file is one record (or an array). */
export async function* readDirectory(
  root: string,
  context: SourceContext
): AsyncGenerator<SourceItem> {
  const options = { formatOf, maxBytes: maxRecordBytes, unit: 'one record', source: 'osv' };
  for await (const item of walkDocuments(root, context, options)) {
    if (item.kind === 'document') {
      yield* itemsFromDocument(item.bytes, item.format, item.relative);
    } else {
      yield item;
    }
  }
}
