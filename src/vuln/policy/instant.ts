/**
 * Dates and times in policy files. Only two forms are read, both unambiguous whatever the
 * machine's time zone: a calendar date `2025-01-31`, which means its first instant in UTC (as
 * Trivy reads `exp:`), and an RFC 3339 date-time with its offset, `2025-01-31T12:00:00Z` or
 * `2025-01-31T12:00:00.123456789-06:00`. Date.parse is not used: it rolls `2025-02-30` over
 * into March and reads a time without an offset in the machine's local time.
 */
const form =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2})))?$/;

/** Milliseconds since the epoch, or undefined when the text is neither form or no real time. */
export function parseInstant(text: string): number | undefined {
  const match = form.exec(text);
  if (!match) {
    return undefined;
  }
  const field = (index: number): number => Number(match[index] ?? 0);
  const [year, month, day, hour, minute, second] = [
    field(1),
    field(2),
    field(3),
    field(4),
    field(5),
    field(6),
  ];
  const [offsetHours, offsetMinutes] = [field(9), field(10)];
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
    return undefined;
  }
  // Sub-millisecond digits (Go writes nanoseconds) are dropped, not rounded: ordering only
  // needs to be consistent, and truncating never moves a time later.
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC takes 30 February and returns 2 March: a date that does not come back unchanged
  // was not a real date.
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  ) {
    return undefined;
  }
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return match[8] === '-' ? wall + offset : wall - offset;
}
