import { LineCounter, isNode, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError, describeError } from '../../core/errors.js';
import { parseInstant } from './instant.js';
import { maxQuotedChars, maxYamlAliases } from './limits.js';
import { parsePurlPattern } from './purl-pattern.js';
import type { IgnoreEntry, IgnoreList } from './types.js';
import { describeIssues } from './zod-issues.js';

function text(): z.ZodString {
  return z.string({
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be text'),
  });
}

/**
 * One entry. Unknown keys are errors, not ignored: `expiry:` for `expires:` would otherwise
 * make an entry that never expires, and `packages:` one that hides the id in every package.
 */
const EntrySchema = z.strictObject(
  {
    id: text().trim().min(1, 'must not be empty'),
    package: text().trim().min(1, 'must not be empty').optional(),
    expires: text().trim().optional(),
    reason: text().trim().min(1, 'must not be empty: say why the finding is accepted'),
  },
  {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((key) => `"${key.slice(0, maxQuotedChars)}"`).join(', ');
        return `unknown key ${keys}: an entry has id, package, expires and reason`;
      }
      return 'must be a mapping with at least id and reason';
    },
  }
);

/**
 * Reads `.palisadeignore.yaml`: a YAML list of `{ id, package?, expires?, reason }`. An empty
 * file (or one with only comments) is an empty list. Errors name the file, the entry (counted
 * from 1) with its line, and the field.
 */
export function parseIgnoreYaml(content: string, source: string): IgnoreList {
  const lineCounter = new LineCounter();
  // Safe options, as the advisory sources use them: the core schema whatever `%YAML` the file
  // declares, no tags that build anything, no merge keys, unique keys and few aliases.
  const document = parseDocument(content, {
    schema: 'core',
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
    stringKeys: true,
    strict: true,
    lineCounter,
    // Problems come back in document.errors and .warnings, never through process.emitWarning.
    logLevel: 'error',
  });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) {
    throw new InputError(`${source} is not valid YAML: ${firstLine(problem.message)}`);
  }
  const contents = document.contents;
  if (contents === null) {
    return { source, entries: [] };
  }
  if (!isSeq(contents)) {
    throw new InputError(
      `${source} must be a YAML list of entries, each "- id: CVE-…" with a reason`
    );
  }
  let items: unknown;
  try {
    items = document.toJS({ maxAliasCount: maxYamlAliases });
  } catch (error) {
    throw new InputError(`${source} is not valid YAML: ${firstLine(describeError(error))}`, {
      cause: error,
    });
  }
  const values = Array.isArray(items) ? (items as unknown[]) : [];
  const entries = values.map((value, index) => {
    const node = contents.items[index];
    const offset = isNode(node) ? node.range[0] : undefined;
    const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
    return toEntry(source, value, index + 1, line);
  });
  return { source, entries };
}

function toEntry(source: string, value: unknown, entry: number, line?: number): IgnoreEntry {
  const where = `${source}: entry ${entry}${line === undefined ? '' : ` (line ${line})`}`;
  const result = EntrySchema.safeParse(value);
  if (!result.success) {
    throw new InputError(`${where}: ${describeIssues(result.error)}`);
  }
  const { id, reason } = result.data;
  let pkg: IgnoreEntry['package'];
  if (result.data.package !== undefined) {
    const pattern = parsePurlPattern(result.data.package);
    if ('error' in pattern) {
      throw new InputError(`${where}: package ${pattern.error}`);
    }
    pkg = pattern;
  }
  let expires: IgnoreEntry['expires'];
  if (result.data.expires !== undefined) {
    const at = parseInstant(result.data.expires);
    if (at === undefined) {
      throw new InputError(`${where}: expires ${expiryProblem}`);
    }
    expires = { text: result.data.expires, at };
  }
  return {
    entry,
    ...(line === undefined ? {} : { line }),
    id,
    ...(pkg ? { package: pkg } : {}),
    ...(expires ? { expires } : {}),
    reason,
  };
}

/** Shared with `.trivyignore`, whose `exp:` takes the same forms. */
export const expiryProblem =
  'must be a date (2025-01-31) or a date-time with its offset (2025-01-31T12:00:00Z)';

/** Parser messages may draw the offending line after a newline; the first line suffices. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/:$/, '');
}
