import type { NuGetParsed } from './parse.js';

const minInt32 = -2147483648;
const maxInt32 = 2147483647;

/**
 * A label is numeric when .NET's int.TryParse reads it: optional `-`, digits, within int32.
 * So `-1` is the number -1 and a ten-digit label past int32 is compared as text.
 */
function numericLabel(label: string): number | undefined {
  const start = label.charCodeAt(0) === 0x2d ? 1 : 0;
  if (start === label.length) {
    return undefined;
  }
  for (let i = start; i < label.length; i++) {
    const code = label.charCodeAt(i);
    if (code < 0x30 || code > 0x39) {
      return undefined;
    }
  }
  const value = Number(label);
  return value >= minInt32 && value <= maxInt32 ? value : undefined;
}

/** Numbers compare as numbers and sort before text; text compares ignoring case. */
function compareLabel(a: string, b: string): number {
  const left = numericLabel(a);
  const right = numericLabel(b);
  if (left !== undefined && right !== undefined) {
    return left < right ? -1 : left > right ? 1 : 0;
  }
  if (left !== undefined || right !== undefined) {
    return left !== undefined ? -1 : 1;
  }
  // OrdinalIgnoreCase upper-cases both sides; labels are ASCII, so this is that exactly.
  const upperA = a.toUpperCase();
  const upperB = b.toUpperCase();
  return upperA < upperB ? -1 : upperA > upperB ? 1 : 0;
}

/** NuGet's default VersionComparer: numbers, then a prerelease below its release, then labels. */
export function compareNuGet(a: NuGetParsed, b: NuGetParsed): number {
  for (let i = 0; i < 4; i++) {
    const left = a.numbers[i] ?? 0;
    const right = b.numbers[i] ?? 0;
    if (left !== right) {
      return left < right ? -1 : 1;
    }
  }
  if (a.labels.length === 0 || b.labels.length === 0) {
    return b.labels.length - a.labels.length === 0 ? 0 : a.labels.length === 0 ? 1 : -1;
  }
  const length = Math.max(a.labels.length, b.labels.length);
  for (let i = 0; i < length; i++) {
    const left = a.labels[i];
    const right = b.labels[i];
    if (left === undefined || right === undefined) {
      // All shared labels are equal: the version with more labels is the later one.
      return left === undefined ? -1 : 1;
    }
    const result = compareLabel(left, right);
    if (result !== 0) {
      return result;
    }
  }
  return 0;
}
