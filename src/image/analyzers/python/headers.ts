/**
 * The header block of a core-metadata file (`METADATA`, `PKG-INFO`), read the way Python's
 * `email` parser reads it: `Field: value` lines, indented lines continuing the field above,
 * and the end at the first empty line or the first line that is not a header. What follows
 * is the long description, which can run to megabytes and is never looked at.
 */
export type Headers = ReadonlyMap<string, readonly string[]>;

/** A field name as RFC 822 allows it (printable ASCII but the colon), then the colon. */
const fieldLine = /^([!-9;-~]+):[ \t]*(.*)$/;

/** Every field by its lower-cased name, values in file order, continuation lines joined by `\n`. */
export function readHeaders(text: string): Headers {
  const headers = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of text.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      break;
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      // A continuation before any field is what Python calls a defect; it ends nothing.
      const last = current?.pop();
      if (current !== undefined && last !== undefined) {
        current.push(`${last}\n${line.trim()}`);
      }
      continue;
    }
    const match = fieldLine.exec(line);
    if (!match) {
      break;
    }
    const name = (match[1] ?? '').toLowerCase();
    current = headers.get(name) ?? [];
    current.push((match[2] ?? '').trimEnd());
    headers.set(name, current);
  }
  return headers;
}

/** The first value of a field, trimmed; undefined when absent or empty. */
export function first(headers: Headers, name: string): string | undefined {
  const value = headers.get(name)?.[0]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
