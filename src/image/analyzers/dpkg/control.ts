/**
 * Splits a Debian control file (the dpkg status database, `status.d/*` stanzas) into
 * stanzas of fields. Continuation lines (leading space or tab) belong to the field above;
 * only the first line of each field is kept because every field we read is single-line.
 */
export function parseStanzas(text: string): Map<string, string>[] {
  const stanzas: Map<string, string>[] = [];
  let current = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (current.size > 0) {
        stanzas.push(current);
        current = new Map();
      }
      continue;
    }
    if (line.startsWith(' ') || line.startsWith('\t') || line.startsWith('#')) {
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) {
      current.set(line.slice(0, colon), line.slice(colon + 1).trim());
    }
  }
  if (current.size > 0) {
    stanzas.push(current);
  }
  return stanzas;
}
