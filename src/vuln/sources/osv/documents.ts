import type { z } from 'zod';
import { OsvRecord } from '../../osv/schema.js';
import {
  formatOfName,
  parseDocumentBytes,
  type DocumentFormat,
} from '../../source/parse-document.js';
import type { SourceItem } from '../../source/types.js';
import { maxYamlAliases } from './limits.js';

export type { DocumentFormat } from '../../source/parse-document.js';

/** How many schema problems one error item names; the first few are enough to find the rest. */
const issuesShown = 3;

/** The format a file's name promises, or undefined for a file that is not an OSV document. */
export const formatOf = formatOfName;

/**
 * Turns one file's bytes into items: one record, or one per element when the document is an
 * array. A document that cannot be decoded or parsed is one error item, so one bad file never
 * stops the others.
 */
export function* itemsFromDocument(
  bytes: Uint8Array,
  format: DocumentFormat,
  origin: string
): Generator<SourceItem> {
  const parsed = parseDocumentBytes(bytes, format, { maxYamlAliases });
  if (!parsed.ok) {
    yield { kind: 'error', origin, message: parsed.message };
    return;
  }
  if (Array.isArray(parsed.value)) {
    const values: unknown[] = parsed.value;
    for (const [index, value] of values.entries()) {
      yield recordItem(value, `${origin}[${index}]`);
    }
    return;
  }
  yield recordItem(parsed.value, origin);
}

function recordItem(value: unknown, origin: string): SourceItem {
  const result = OsvRecord.safeParse(value);
  if (result.success) {
    return { kind: 'record', record: result.data, origin };
  }
  return { kind: 'error', origin, message: describeIssues(result.error.issues) };
}

/** Names the fields that were wrong and what zod expected; never echoes the record itself. */
function describeIssues(issues: z.ZodError['issues']): string {
  const named = issues
    .slice(0, issuesShown)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
  const more = issues.length > issuesShown ? ` (and ${issues.length - issuesShown} more)` : '';
  return `not a valid OSV record: ${named}${more}`;
}
