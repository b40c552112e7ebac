import { parseDocument, type Tags } from 'yaml';

export type DocumentFormat = 'json' | 'yaml';

export type ParsedDocument = { ok: true; value: unknown } | { ok: false; message: string };

export interface ParseOptions {
  /** YAML aliases a document may expand: a few, so a billion-laughs file cannot balloon. */
  maxYamlAliases: number;
  /**
   * Keep YAML numbers as the text written. Feeds that key fixes by version need it: `1.10:`
   * read as a number comes back as "1.1", a different version, silently.
   */
  numbersAsText?: boolean;
}

/** The format a file's name promises (`.json`, `.yaml`, `.yml`), or undefined. */
export function formatOfName(name: string): DocumentFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) {
    return 'json';
  }
  return lower.endsWith('.yaml') || lower.endsWith('.yml') ? 'yaml' : undefined;
}

/**
 * Parses one feed document, refusing rather than guessing: bytes that are not UTF-8 are an
 * error, not text with U+FFFD in it (the decoder also drops a byte-order mark, which
 * JSON.parse would reject). YAML is read with the YAML 1.2 core schema whatever the file's
 * `%YAML` directive says, so timestamps stay strings and no tag builds anything but plain
 * data; unknown tags, merge keys, duplicate keys and non-string keys are errors.
 */
export function parseDocumentBytes(
  bytes: Uint8Array,
  format: DocumentFormat,
  options: ParseOptions
): ParsedDocument {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'not valid UTF-8' };
  }
  return format === 'json' ? parseJsonText(text) : parseYamlText(text, options);
}

function parseJsonText(text: string): ParsedDocument {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${firstLine(error)}` };
  }
}

function parseYamlText(text: string, options: ParseOptions): ParsedDocument {
  const document = parseDocument(text, {
    schema: 'core',
    customTags: options.numbersAsText ? withoutNumbers : [],
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
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
    return { ok: true, value: document.toJS({ maxAliasCount: options.maxYamlAliases }) };
  } catch (error) {
    return { ok: false, message: `not valid YAML: ${firstLine(error)}` };
  }
}

function withoutNumbers(tags: Tags): Tags {
  return tags.filter((tag) => typeof tag === 'string' || !/:(?:int|float)$/.test(tag.tag));
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
