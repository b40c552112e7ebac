import { UsageError } from '../../core/errors.js';

const minuteMs = 60 * 1000;
const unitMs: Record<string, number> = {
  s: 1000,
  m: minuteMs,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
};

/**
 * `90s`, `30m`, `6h`, `1d` (or `off`, which is undefined: the task does not run) as
 * milliseconds. Under a minute is refused: a periodic task that often is a mistake.
 */
export function parseInterval(text: string, flag: string): number | undefined {
  if (text === 'off') {
    return undefined;
  }
  const match = /^([0-9]{1,6})([smhd])$/.exec(text.trim());
  const unit = match?.[2] === undefined ? undefined : unitMs[match[2]];
  if (match?.[1] === undefined || unit === undefined) {
    throw new UsageError(
      `${flag} must be a whole number with a unit (s, m, h, d), like 6h or 1d, or off; got ${JSON.stringify(text)}`
    );
  }
  const ms = Number(match[1]) * unit;
  if (ms < minuteMs) {
    throw new UsageError(`${flag} must be at least 1m; got ${JSON.stringify(text)}`);
  }
  return ms;
}
