let lastStamp = '';
let lastMs = Number.NaN;

/**
 * Milliseconds of an event's `stageTimestamp`, NaN when it does not parse. Every model reads
 * the time of the same event in turn, so the last answer is kept.
 */
export function eventTimeMs(stamp: string): number {
  if (stamp !== lastStamp) {
    lastStamp = stamp;
    lastMs = Date.parse(stamp);
  }
  return lastMs;
}
