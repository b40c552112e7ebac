import type { RpmVersion } from './parse.js';

const zero = 48;
const tilde = 126;
const caret = 94;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** rpm's separators: everything but ASCII letters and digits, `~` and `^`. */
function isSeparator(code: number): boolean {
  return !isDigit(code) && !isLetter(code) && code !== tilde && code !== caret;
}

function sign(value: number): number {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

/**
 * rpmvercmp, rpm 4.x: skip separators, then compare segments. `~` sorts before anything,
 * the end included (a pre-release); `^` sorts after the end but before any further segment
 * (a snapshot after a release, before the next one). A segment is a run of digits or of
 * letters; digits beat letters, numbers compare by value without leading zeros, letters
 * compare by code. When one side runs out, the side with anything left is the newer one.
 */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSeparator(a.charCodeAt(i))) {
      i++;
    }
    while (j < b.length && isSeparator(b.charCodeAt(j))) {
      j++;
    }
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (ca === tilde || cb === tilde) {
      if (ca !== tilde) {
        return 1;
      }
      if (cb !== tilde) {
        return -1;
      }
      i++;
      j++;
      continue;
    }
    if (ca === caret || cb === caret) {
      if (i >= a.length) {
        return -1;
      }
      if (j >= b.length) {
        return 1;
      }
      if (ca !== caret) {
        return 1;
      }
      if (cb !== caret) {
        return -1;
      }
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) {
      break;
    }
    const numeric = isDigit(ca);
    const inSegment = numeric ? isDigit : isLetter;
    let endA = i;
    while (endA < a.length && inSegment(a.charCodeAt(endA))) {
      endA++;
    }
    let endB = j;
    while (endB < b.length && inSegment(b.charCodeAt(endB))) {
      endB++;
    }
    if (endB === j) {
      // b has a segment of the other kind here: a number is newer than letters.
      return numeric ? 1 : -1;
    }
    if (numeric) {
      while (i < endA && a.charCodeAt(i) === zero) {
        i++;
      }
      while (j < endB && b.charCodeAt(j) === zero) {
        j++;
      }
      const longer = endA - i - (endB - j);
      if (longer !== 0) {
        return sign(longer);
      }
    }
    for (; i < endA && j < endB; i++, j++) {
      const difference = a.charCodeAt(i) - b.charCodeAt(j);
      if (difference !== 0) {
        return sign(difference);
      }
    }
    // Equal numbers end together; of two letter runs, the one that goes on is newer.
    if (i < endA) {
      return 1;
    }
    if (j < endB) {
      return -1;
    }
  }
  // Segments all equal: whichever side still has characters (only separators) is newer.
  if (i >= a.length && j >= b.length) {
    return 0;
  }
  return i >= a.length ? -1 : 1;
}

/**
 * Epoch, then version, then release, each with rpmvercmp.
 *
 * A missing epoch is 0, rpm's own rule (rpmverCmp), so `1.0-1 = 0:1.0-1` and `1:0.5 > 2.0`.
 * Grype instead skips the epoch when only one side has it, because some feeds drop epochs.
 * That is not an order (`1:1.0 < 2.0` and `2.0 < 0:3.0`, yet `1:1.0 > 0:3.0`), and it hides
 * a data problem inside the comparison. rpm databases always record the epoch a package has;
 * a feed that drops one is for the code reading that feed to repair, where the feed is known.
 *
 * A missing release sorts before any release, even an empty one (`1.0 < 1.0- < 1.0-0`), as
 * the vectors require. rpm skips the release when either side lacks it, which suits a
 * dependency range (`>= 1.0` matches every 1.0 build) but is not an order.
 */
export function compareRpmVersions(a: RpmVersion, b: RpmVersion): number {
  const epoch = rpmvercmp(a.epoch, b.epoch);
  if (epoch !== 0) {
    return epoch;
  }
  const version = rpmvercmp(a.version, b.version);
  if (version !== 0) {
    return version;
  }
  if (a.release === undefined || b.release === undefined) {
    return a.release === b.release ? 0 : a.release === undefined ? -1 : 1;
  }
  return rpmvercmp(a.release, b.release);
}
