import { isMap, isScalar, isSeq, parseDocument, type Tags } from 'yaml';
import { InputError } from '../../../core/errors.js';
import { isRecord, printable } from './read-document.js';

/** No lock entry comes near this; a larger one was made to exhaust the parser. */
export const maxEntrySize = 1024 * 1024;
/** pnpm 11 and later write two documents (the env lockfile, then the project's). */
const maxDocuments = 8;
/** Documents are split into their entries, and the entries of those (`packages:`) again. */
const splitLevels = 2;

/**
 * Lock files are plain data: the YAML 1.2 core schema, no custom tags, no merge keys, a few
 * aliases at most (no writer emits any). Numbers stay the text written, so `version: 1.10`
 * is not read back as `1.1`. Duplicate keys are refused by `assertUniqueKeys`, in linear time:
 * the library's own check compares every key with every other.
 */
const options = {
  schema: 'core',
  customTags: withoutNumbers,
  resolveKnownTags: false,
  merge: false,
  uniqueKeys: false,
  stringKeys: true,
  strict: true,
  logLevel: 'error',
} as const;

/**
 * Reads a lock file's YAML documents, each a mapping. The yaml package needs some 50 bytes of
 * memory per byte of input and slows down on wide mappings, so the text is not handed to it
 * whole: pnpm and yarn write block mappings indented by two spaces, one entry under another,
 * and each entry is parsed alone. The split follows indentation only, which YAML makes
 * significant, so what the package would read from the whole text is what is read here; an
 * alias to an anchor in another entry is the exception, and no lock writer emits either.
 */
export function parseYamlDocuments(text: string): Record<string, unknown>[] {
  const lines = text.split('\n');
  const documents: Record<string, unknown>[] = [];
  let start = 0;
  for (let index = 0; index <= lines.length; index++) {
    const line = lines[index];
    if (line !== undefined && !isDocumentMarker(line, index)) {
      continue;
    }
    const document = readMapping(lines, { from: start, to: index, indent: 0, level: 0 });
    if (document !== undefined) {
      documents.push(document);
    }
    if (documents.length > maxDocuments) {
      throw new InputError(
        `not YAML as lock files are written: more than ${maxDocuments} documents`
      );
    }
    start = index + 1;
  }
  return documents;
}

function isDocumentMarker(line: string, index: number): boolean {
  if (line.startsWith('%')) {
    throw new InputError(`not YAML as lock files are written: a directive at line ${index + 1}`);
  }
  if (!line.startsWith('---') && !line.startsWith('...')) {
    return false;
  }
  if (line.slice(3).trim() !== '') {
    throw new InputError(
      `not YAML as lock files are written: content after --- at line ${index + 1}`
    );
  }
  return true;
}

interface Span {
  from: number;
  to: number;
  /** The indentation of the mapping's keys. */
  indent: number;
  level: number;
}

/** The block mapping in lines [from, to), entry by entry; undefined when it holds nothing. */
function readMapping(lines: readonly string[], span: Span): Record<string, unknown> | undefined {
  const entries = new Map<string, unknown>();
  let entryStart: number | undefined;
  for (let index = span.from; index <= span.to; index++) {
    const line = index < span.to ? lines[index] : undefined;
    if (line !== undefined && !isSignificant(line)) {
      continue;
    }
    const indent = line === undefined ? span.indent : indentation(line);
    if (indent < span.indent || (indent > span.indent && entryStart === undefined)) {
      throw new InputError(`not YAML: line ${index + 1} is not indented as its mapping`);
    }
    if (indent === span.indent) {
      if (entryStart !== undefined) {
        readEntry(lines, { ...span, from: entryStart, to: index }, entries);
      }
      entryStart = index;
    }
  }
  return entries.size > 0 ? Object.fromEntries(entries) : undefined;
}

/** One entry, `key: value` over lines [from, to), into `entries`. */
function readEntry(lines: readonly string[], span: Span, entries: Map<string, unknown>): void {
  const header = lines[span.from] ?? '';
  let bodyStart = span.from + 1;
  while (bodyStart < span.to && !isSignificant(lines[bodyStart] ?? '')) {
    bodyStart++;
  }
  const body = bodyStart < span.to ? lines[bodyStart] : undefined;
  const splits =
    span.level + 1 < splitLevels &&
    body !== undefined &&
    /:\s*(?:#.*)?$/.test(header.trimEnd()) &&
    indentation(body) > span.indent &&
    !/^\s*-(?:\s|$)/.test(body);
  if (!splits) {
    addAll(entries, parseChunk(lines, span.from, span.to), span.from);
    return;
  }
  const [key] = Object.keys(parseChunk(lines, span.from, span.from + 1));
  const value = readMapping(lines, {
    from: bodyStart,
    to: span.to,
    indent: indentation(body),
    level: span.level + 1,
  });
  addAll(entries, { [key ?? '']: value ?? null }, span.from);
}

function addAll(entries: Map<string, unknown>, chunk: Record<string, unknown>, at: number): void {
  for (const [key, value] of Object.entries(chunk)) {
    if (entries.has(key)) {
      throw new InputError(`not YAML: Map keys must be unique; line ${at + 1} repeats one`);
    }
    entries.set(key, value);
  }
}

/** Lines [from, to) through the yaml package, as a mapping. */
function parseChunk(lines: readonly string[], from: number, to: number): Record<string, unknown> {
  // The closing line break matters: a line of a CRLF file ends in \r, which alone is no break.
  const text = `${lines.slice(from, to).join('\n')}\n`;
  if (text.length > maxEntrySize) {
    throw new InputError(
      `the YAML entry at line ${from + 1} is ${text.length} bytes, more than the ${maxEntrySize} read`
    );
  }
  const document = parseDocument(text, options);
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) {
    const line = from + (problem.linePos?.[0].line ?? 1);
    const message = firstLine(problem).replace(/ at line \d+, column \d+$/, '');
    throw new InputError(`not YAML: ${message} at line ${line}`);
  }
  assertUniqueKeys(document.contents, from);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new InputError(`not YAML: ${firstLine(error)} in the entry at line ${from + 1}`);
  }
  if (!isRecord(value)) {
    throw new InputError(
      `not YAML as lock files are written: line ${from + 1} is not a mapping entry`
    );
  }
  return value;
}

/** Walks the parsed nodes without recursion; a Set per mapping keeps it linear. */
function assertUniqueKeys(root: unknown, from: number): void {
  const stack = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          throw new InputError(
            `not YAML: Map keys must be unique, in the entry at line ${from + 1}`
          );
        }
        seen.add(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        stack.push(item);
      }
    }
  }
}

function isSignificant(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== '' && !trimmed.startsWith('#');
}

function indentation(line: string): number {
  return line.length - line.trimStart().length;
}

function withoutNumbers(tags: Tags): Tags {
  return tags.filter((tag) => typeof tag === 'string' || !/:(?:int|float)$/.test(tag.tag));
}

/** The yaml package draws the offending line under its message; the first line names it. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return printable((message.split('\n')[0] ?? '').replace(/:$/, ''));
}
