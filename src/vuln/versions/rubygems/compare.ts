import type { GemSegment } from './parse.js';

const zero: GemSegment = { number: '0' };

/** Digit strings without leading zeros: the longer is larger, else the text decides. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) {
    return a.length < b.length ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Gem::Version#<=> on canonical segments: the shorter side is padded with zeros, letters sort
 * below any number, padding included (`1.a < 1`), and letters compare byte by byte, so case
 * matters (`1.B < 1.a`).
 */
export function compareSegments(a: readonly GemSegment[], b: readonly GemSegment[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a[i] ?? zero;
    const right = b[i] ?? zero;
    if ('number' in left) {
      if ('number' in right) {
        const result = compareDigits(left.number, right.number);
        if (result !== 0) {
          return result;
        }
        continue;
      }
      return 1;
    }
    if ('number' in right) {
      return -1;
    }
    if (left.text !== right.text) {
      return left.text < right.text ? -1 : 1;
    }
  }
  return 0;
}
