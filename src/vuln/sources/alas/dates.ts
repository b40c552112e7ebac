const datePattern =
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:[ T](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2}))?Z?)?$/;

/**
 * An updateinfo date as OSV wants it, RFC 3339 in UTC (`2023-01-05T18:11:00Z`), or undefined
 * when the text is not a real date. Amazon writes `2023-01-05 18:11`, in UTC and without a
 * zone; a bare day, seconds, and the Unix time some other yum repositories use are read too.
 */
export function isoDate(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^\d{1,12}$/.test(trimmed)) {
    return new Date(Number(trimmed) * 1000).toISOString().replace('.000Z', 'Z');
  }
  const parts = datePattern.exec(trimmed)?.groups;
  if (!parts) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = [
    parts.year,
    parts.month,
    parts.day,
    parts.hour ?? '00',
    parts.minute ?? '00',
    parts.second ?? '00',
  ].map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2023-02-30 over into March; a date that does not come back unchanged was
  // never a real one.
  const iso = date.toISOString().replace('.000Z', 'Z');
  const expected = `${parts.year}-${parts.month}-${parts.day}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`;
  return iso === expected ? iso : undefined;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
