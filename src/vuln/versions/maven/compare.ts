import { releaseRank, type MavenItem, type MavenList, type MavenQualifier } from './parse.js';

function sign(value: number): number {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

/** Digit strings without leading zeros: the longer is larger, else the text decides. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) {
    return a.length < b.length ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareQualifiers(a: MavenQualifier, b: MavenQualifier): number {
  if (a.rank !== b.rank) {
    return a.rank < b.rank ? -1 : 1;
  }
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

/** An item against the padding of a shorter list: `1.1 > 1`, `1-rc < 1`, `1-sp > 1`. */
function compareToMissing(item: MavenItem): number {
  switch (item.kind) {
    case 'number':
      return item.digits === '0' ? 0 : 1;
    case 'qualifier':
      return sign(item.rank - releaseRank);
    case 'list':
      // Every element counts, not only the first, so `1-0.alpha < 1` (MNG-6964).
      for (const child of item.items) {
        const result = compareToMissing(child);
        if (result !== 0) {
          return result;
        }
      }
      return 0;
  }
}

function compareLists(a: MavenList, b: MavenList): number {
  const length = Math.max(a.items.length, b.items.length);
  for (let i = 0; i < length; i++) {
    const left = a.items[i];
    const right = b.items[i];
    const result =
      left === undefined
        ? right === undefined
          ? 0
          : -compareToMissing(right)
        : right === undefined
          ? compareToMissing(left)
          : compareItems(left, right);
    if (result !== 0) {
      return result;
    }
  }
  return 0;
}

/**
 * Mixed kinds order as `qualifier < list < number`: `1-sp < 1-1 < 1.1`, and a `.` qualifier
 * sorts below a number (`1.any < 1.1`).
 */
export function compareItems(a: MavenItem, b: MavenItem): number {
  switch (a.kind) {
    case 'number':
      return b.kind === 'number' ? compareDigits(a.digits, b.digits) : 1;
    case 'qualifier':
      return b.kind === 'qualifier' ? compareQualifiers(a, b) : -1;
    case 'list':
      return b.kind === 'list' ? compareLists(a, b) : b.kind === 'number' ? -1 : 1;
  }
}
