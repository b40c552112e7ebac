import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { OsvRecord } from '../../osv/schema.js';
import type { SourceItem } from '../../source/types.js';
import { maxYamlAliases } from './limits.js';

export type DocumentFormat = 'json' | 'yaml';

/** How many schema problems one error item names; the first few are enough to find the rest. */
const issuesShown = 3;

/** The format a file's name promises, or undefined for a file that is not an OSV document. */
export function formatOf(name: string): DocumentFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) {
    return 'json';
  }
  return lower.endsWith('.yaml') || lower.endsWith('.yml') ? 'yaml' : undefined;
}

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
  const parsed = parseBytes(bytes, format);
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

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parseBytes(bytes: Uint8Array, format: DocumentFormat): Parsed {
  let text: string;
  try {
    // Fatal decoding: a record with mangled bytes is reported, not stored with U+FFFD in it.
    // The decoder also drops a leading byte-order mark, which JSON.parse would reject.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'not valid UTF-8' };
  }
  return format === 'json' ? parseJsonText(text) : parseYamlText(text);
}

function parseJsonText(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${firstLine(error)}` };
  }
}

/**
 * YAML is parsed with the YAML 1.2 core schema whatever the document's `%YAML` directive says,
 * so timestamps stay strings (as OSV wants them) and no tag builds anything but plain data.
 * A tag the schema does not know is an error rather than a string: it means the file was
 * written for some other consumer.
 */
function parseYamlText(text: string): Parsed {
  const document = parseDocument(text, {
    schema: 'core',
    customTags: [],
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
    // A mapping key that is itself a mapping or a sequence has no place in a JSON-shaped record.
    stringKeys: true,
    strict: true,
    // Problems come back in document.errors and .warnings, never through process.emitWarning.
    // Not 'silent': that level also drops the error for a file holding several documents.
    logLevel: 'error',
  });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) {
    return { ok: false, message: `not valid YAML: ${firstLine(problem)}` };
  }
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: maxYamlAliases }) };
  } catch (error) {
    return { ok: false, message: `not valid YAML: ${firstLine(error)}` };
  }
}

/**
 * Parser messages can carry a snippet of the source after a colon and newline (the yaml
 * package draws the line with a caret under it); the first line names the problem and its
 * position, and is all a report needs.
 */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').replace(/:$/, '');
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
