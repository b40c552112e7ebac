import { parseDocument, type Tags } from 'yaml';
import { maxYamlAliases } from './limits.js';

export type SecdbFormat = 'json' | 'yaml';

export type ParsedText = { ok: true; value: unknown } | { ok: false; message: string };

/** The format a file's name promises, or undefined for a file that is not secdb. */
export function formatOfName(name: string): SecdbFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) {
    return 'json';
  }
  return lower.endsWith('.yaml') || lower.endsWith('.yml') ? 'yaml' : undefined;
}

/**
 * For a file whose name says nothing (a URL without an extension): secdb JSON is an object,
 * so it opens with `{`; the YAML form opens with `---` or a key.
 */
export function sniffFormat(bytes: Uint8Array): SecdbFormat {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '');
  return head.trimStart().startsWith('{') ? 'json' : 'yaml';
}

export function parseSecdbText(bytes: Uint8Array, format: SecdbFormat): ParsedText {
  let text: string;
  try {
    // Fatal decoding: a package name with mangled bytes is reported, not stored with U+FFFD.
    // The decoder also drops a leading byte-order mark, which JSON.parse would reject.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'not valid UTF-8' };
  }
  return format === 'json' ? parseJson(text) : parseYaml(text);
}

function parseJson(text: string): ParsedText {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${firstLine(error)}` };
  }
}

/**
 * The core schema without its number tags. secdb keys its fixes by version, written as plain
 * YAML keys: with numbers resolved, a key `1.10:` would become the number 1.1 and come back
 * as the string "1.1", a different fixed version, silently. Without them every scalar that is
 * not null or a boolean stays the text that was written.
 */
function withoutNumbers(tags: Tags): Tags {
  return tags.filter((tag) => typeof tag === 'string' || !/:(?:int|float)$/.test(tag.tag));
}

/**
 * Safe options, as the OSV source uses them: the core schema whatever `%YAML` the file
 * declares, no tags that build anything, no merge keys, unique keys, and few aliases.
 */
function parseYaml(text: string): ParsedText {
  const document = parseDocument(text, {
    schema: 'core',
    customTags: withoutNumbers,
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
    stringKeys: true,
    strict: true,
    // Problems come back in document.errors and .warnings, never through process.emitWarning.
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

/** Parser messages may draw the offending line after a newline; the first line suffices. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').replace(/:$/, '');
}
