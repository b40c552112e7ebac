import { advance, type Cursor, firstToken, Kind, noSuffix, readToEnd } from './tokens.js';

const zero = 48;

function sign(value: number): number {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

/** The current tokens' text, compared character by character, a prefix first. */
function compareText(a: Cursor, b: Cursor): number {
  const aLength = a.end - a.start;
  const bLength = b.end - b.start;
  for (let index = 0; index < Math.min(aLength, bLength); index++) {
    const difference = a.text.charCodeAt(a.start + index) - b.text.charCodeAt(b.start + index);
    if (difference !== 0) {
      return sign(difference);
    }
  }
  return sign(aLength - bLength);
}

/** The current tokens' digits as numbers of any size; no digits at all reads as 0. */
function compareNumbers(a: Cursor, b: Cursor): number {
  let i = a.start;
  let j = b.start;
  while (i < a.end && a.text.charCodeAt(i) === zero) {
    i++;
  }
  while (j < b.end && b.text.charCodeAt(j) === zero) {
    j++;
  }
  const longer = a.end - i - (b.end - j);
  if (longer !== 0) {
    return sign(longer);
  }
  for (; i < a.end; i++, j++) {
    const difference = a.text.charCodeAt(i) - b.text.charCodeAt(j);
    if (difference !== 0) {
      return sign(difference);
    }
  }
  return 0;
}

/** Two tokens of the same kind. */
function compareTokens(a: Cursor, b: Cursor): number {
  switch (a.kind) {
    case Kind.Number:
      // After a dot, apk (like Gentoo) compares `05` and `5` as text when either has a
      // leading zero, so 1.05 < 1.5 and 1.0 < 1.00; the first number is always a number.
      if (
        !a.byValue &&
        (a.text.charCodeAt(a.start) === zero || b.text.charCodeAt(b.start) === zero)
      ) {
        return compareText(a, b);
      }
      return compareNumbers(a, b);
    case Kind.Suffix:
      return sign(a.suffix - b.suffix);
    case Kind.Letter:
    case Kind.Hash:
      return compareText(a, b);
    default:
      return compareNumbers(a, b);
  }
}

/**
 * Two versions equal so far, whose next tokens differ in kind. A pre-release suffix sorts
 * first (`1.2_rc1 < 1.2`); otherwise the side that moved further along the grammar sorts
 * first: it stopped adding to the part where the other goes on (`1.2 < 1.2.1`,
 * `1.2_p1 < 1.2a`, `1.2 < 1.2-r0`).
 */
function compareKinds(a: Cursor, b: Cursor): number {
  if (a.kind === Kind.Suffix && a.suffix < noSuffix) {
    return -1;
  }
  if (b.kind === Kind.Suffix && b.suffix < noSuffix) {
    return 1;
  }
  return a.kind > b.kind ? -1 : 1;
}

/**
 * apk's order, token by token: numbers, the letter, the suffixes and their numbers, the
 * commit hash, the revision. Both texts are read to the end even once the order is known, so
 * a malformed version always throws.
 */
export function compareApkVersions(aText: string, bText: string): number {
  const a = firstToken(aText);
  if (aText === bText) {
    // The same text is the same version, once it is known to be one.
    readToEnd(a);
    return 0;
  }
  const b = firstToken(bText);
  let result = 0;
  for (;;) {
    if (a.kind !== b.kind) {
      result = compareKinds(a, b);
      break;
    }
    if (a.kind === Kind.End) {
      return 0;
    }
    result = compareTokens(a, b);
    if (result !== 0) {
      break;
    }
    advance(a);
    advance(b);
  }
  readToEnd(a);
  readToEnd(b);
  return result;
}
