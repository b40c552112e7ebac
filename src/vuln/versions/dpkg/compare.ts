import type { DpkgVersion } from './parse.js';

const zero = 48;
const tilde = 126;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The character at `index`, or -1 past the end: reading past the end gives NaN, which is slow. */
function codeAt(text: string, index: number): number {
  return index < text.length ? text.charCodeAt(index) : -1;
}

/**
 * The weight of one character of a non-digit run. The end of the run (a digit, or -1 for the
 * end of the text) weighs 0, so `~` sorts before it and everything else after it, and
 * letters sort before every other character.
 */
function weight(code: number): number {
  if (code < 0 || isDigit(code)) {
    return 0;
  }
  if (isLetter(code)) {
    return code;
  }
  return code === tilde ? -1 : code + 256;
}

function sign(value: number): number {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

/**
 * dpkg's comparison of one part (upstream or revision): alternate runs of non-digits,
 * compared character by character by weight, and runs of digits, compared as numbers of any
 * length. A missing part is the empty string, which ties with `0` and `00`.
 */
export function compareParts(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let ca = codeAt(a, i);
    let cb = codeAt(b, j);
    while ((ca >= 0 && !isDigit(ca)) || (cb >= 0 && !isDigit(cb))) {
      const difference = weight(ca) - weight(cb);
      if (difference !== 0) {
        return sign(difference);
      }
      // Equal weights here are two characters, never an end, so both sides move on.
      ca = codeAt(a, ++i);
      cb = codeAt(b, ++j);
    }
    while (ca === zero) {
      ca = codeAt(a, ++i);
    }
    while (cb === zero) {
      cb = codeAt(b, ++j);
    }
    let firstDifference = 0;
    while (isDigit(ca) && isDigit(cb)) {
      if (firstDifference === 0) {
        firstDifference = ca - cb;
      }
      ca = codeAt(a, ++i);
      cb = codeAt(b, ++j);
    }
    // Without leading zeros, the longer run of digits is the larger number.
    if (isDigit(ca)) {
      return 1;
    }
    if (isDigit(cb)) {
      return -1;
    }
    if (firstDifference !== 0) {
      return sign(firstDifference);
    }
  }
  return 0;
}

/** Epoch first, then the upstream version, then the revision. */
export function compareDpkgVersions(a: DpkgVersion, b: DpkgVersion): number {
  if (a.epoch !== b.epoch) {
    return a.epoch < b.epoch ? -1 : 1;
  }
  const upstream = compareParts(a.upstream, b.upstream);
  return upstream !== 0 ? upstream : compareParts(a.revision, b.revision);
}
