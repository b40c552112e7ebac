import type { SemverVersion } from './parse.js';

function isNumeric(identifier: string): boolean {
  for (let index = 0; index < identifier.length; index++) {
    const code = identifier.charCodeAt(index);
    if (code < 48 || code > 57) {
      return false;
    }
  }
  return true;
}

/** Two numbers without leading zeros, of any length: the longer is larger, else by digits. */
function compareNumbers(a: string, b: string): number {
  if (a.length !== b.length) {
    return a.length < b.length ? -1 : 1;
  }
  return a === b ? 0 : a < b ? -1 : 1;
}

/** SemVer §11.4: numbers by value, below any alphanumeric; alphanumerics in ASCII order. */
function compareIdentifiers(a: string, b: string): number {
  const aNumeric = isNumeric(a);
  const bNumeric = isNumeric(b);
  if (aNumeric && bNumeric) {
    return compareNumbers(a, b);
  }
  if (aNumeric !== bNumeric) {
    return aNumeric ? -1 : 1;
  }
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * SemVer precedence: the numeric core, a missing number reading as 0; then a pre-release
 * sorts before its release; then pre-release identifiers one by one, a shorter list that
 * matches so far sorting first. Build metadata never counts.
 */
export function compareSemver(a: SemverVersion, b: SemverVersion): number {
  const coreLength = Math.max(a.core.length, b.core.length);
  for (let index = 0; index < coreLength; index++) {
    const difference = compareNumbers(a.core[index] ?? '0', b.core[index] ?? '0');
    if (difference !== 0) {
      return difference;
    }
  }
  const aLength = a.prerelease.length;
  const bLength = b.prerelease.length;
  if (aLength === 0 || bLength === 0) {
    return aLength === bLength ? 0 : aLength === 0 ? 1 : -1;
  }
  for (let index = 0; index < Math.min(aLength, bLength); index++) {
    const difference = compareIdentifiers(a.prerelease[index] ?? '', b.prerelease[index] ?? '');
    if (difference !== 0) {
      return difference;
    }
  }
  return aLength === bLength ? 0 : aLength < bLength ? -1 : 1;
}
