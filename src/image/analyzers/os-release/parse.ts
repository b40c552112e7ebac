/**
 * Parses the os-release format (freedesktop.org): `KEY=value` lines, values optionally in
 * single or double quotes with backslash escapes, `#` comments. Unknown lines are ignored.
 */
export function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const match = /^(?<key>[A-Z0-9_]+)=(?<value>.*)$/.exec(line);
    const key = match?.groups?.['key'];
    const value = match?.groups?.['value'];
    if (key !== undefined && value !== undefined) {
      fields.set(key, unquote(value));
    }
  }
  return fields;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}
