import type { SourceItem } from '../../source/types.js';
import type { FixTable } from './fix-table.js';
import { addPackageFixes } from './package-fixes.js';
import { parseSecdbText, type SecdbFormat } from './parse-text.js';
import { describeIssues, SecdbDocument } from './secdb-schema.js';

/**
 * Adds one secdb file's fixes to the table. Yields only error items: records are built once
 * every file is read. A file that cannot be parsed, or is not secdb at all, is one error
 * item, and the other files are still read.
 */
export function* addDocument(
  bytes: Uint8Array,
  format: SecdbFormat,
  origin: string,
  table: FixTable
): Generator<SourceItem> {
  const parsed = parseSecdbText(bytes, format);
  if (!parsed.ok) {
    yield { kind: 'error', origin, message: parsed.message };
    return;
  }
  const document = SecdbDocument.safeParse(parsed.value);
  if (!document.success) {
    const message = `not a secdb document: ${describeIssues(document.error.issues)}`;
    yield { kind: 'error', origin, message };
    return;
  }
  const release = document.data.distroversion;
  for (const [index, raw] of (document.data.packages ?? []).entries()) {
    yield* addPackageFixes(raw, { origin, index, release }, table);
  }
}
