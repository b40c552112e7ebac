/**
 * NuGetVersion's lenient parse (NuGet.Versioning): one to four numeric parts, then an optional
 * `-` and dot-separated release labels, then an optional `+` and build metadata. The first `-`
 * or `+` ends the numeric part, so a label may itself hold `-` (`1.0-beta-2`).
 */

export interface NuGetParsed {
  /** Major, minor, patch and revision; missing parts are 0, so `1.0 = 1.0.0 = 1.0.0.0`. */
  readonly numbers: readonly [number, number, number, number];
  /** Release labels; empty for a release. Metadata is validated, then dropped: it never orders. */
  readonly labels: readonly string[];
}

const maxInt32 = 2147483647;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLabelChar(code: number): boolean {
  return (
    isDigit(code) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x2d /* - */
  );
}

/** The white space .NET's integer parsing allows around a number: tab to carriage return, space. */
function isNumberSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * One part of System.Version: an int32 of at least 0, leading zeros allowed, white space
 * allowed around it (`1. 2` is 1.2, as in NuGet).
 */
function versionPart(text: string): number | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && isNumberSpace(text.charCodeAt(start))) {
    start++;
  }
  while (end > start && isNumberSpace(text.charCodeAt(end - 1))) {
    end--;
  }
  if (start === end) {
    return undefined;
  }
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) {
      return undefined;
    }
    value = value * 10 + (code - 0x30);
    if (value > maxInt32) {
      return undefined;
    }
  }
  return value;
}

/** A label or metadata part: non-empty `[0-9A-Za-z-]`; a numeric label has no leading zero. */
function isValidPart(part: string, allowLeadingZeros: boolean): boolean {
  if (part.length === 0) {
    return false;
  }
  let allDigits = true;
  for (let i = 0; i < part.length; i++) {
    const code = part.charCodeAt(i);
    if (!isLabelChar(code)) {
      return false;
    }
    allDigits &&= isDigit(code);
  }
  return allowLeadingZeros || !allDigits || part.length === 1 || part.charCodeAt(0) !== 0x30;
}

interface Sections {
  numeric: string;
  labels: string | undefined;
  metadata: string | undefined;
}

/**
 * Splits at the first `-` or `+`, then at the next `+`. As in NuGet, a `-` or `+` that ends
 * the text stays inside the part before it, which then fails validation (`1.0-` is invalid).
 */
function sections(text: string): Sections {
  let first = 0;
  while (
    first < text.length &&
    text.charCodeAt(first) !== 0x2d &&
    text.charCodeAt(first) !== 0x2b
  ) {
    first++;
  }
  if (first === text.length) {
    first = -1;
  }
  if (first === -1 || first === text.length - 1) {
    return { numeric: text, labels: undefined, metadata: undefined };
  }
  const numeric = text.slice(0, first);
  if (text.charCodeAt(first) === 0x2b /* + */) {
    return { numeric, labels: undefined, metadata: text.slice(first + 1) };
  }
  const plus = text.indexOf('+', first + 1);
  if (plus === -1 || plus === text.length - 1) {
    return { numeric, labels: text.slice(first + 1), metadata: undefined };
  }
  return { numeric, labels: text.slice(first + 1, plus), metadata: text.slice(plus + 1) };
}

/** The parsed version, or why the text is not a NuGet version. */
export function parseNuGet(version: string): NuGetParsed | string {
  const text = version.trim();
  if (text.length === 0) {
    return 'empty';
  }
  const { numeric, labels, metadata } = sections(text);
  const parts = numeric.split('.');
  if (parts.length > 4) {
    return 'more than four numeric parts';
  }
  const numbers: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < parts.length; i++) {
    const value = versionPart(parts[i] ?? '');
    if (value === undefined) {
      return `numeric part ${JSON.stringify(parts[i])} is not a number from 0 to ${maxInt32}`;
    }
    numbers[i] = value;
  }
  const labelList = labels === undefined ? [] : labels.split('.');
  if (!labelList.every((label) => isValidPart(label, false))) {
    return 'release labels are non-empty [0-9A-Za-z-], numeric ones without leading zeros';
  }
  if (metadata !== undefined && !metadata.split('.').every((part) => isValidPart(part, true))) {
    return 'build metadata parts are non-empty [0-9A-Za-z-]';
  }
  return { numbers, labels: labelList };
}
