/**
 * Gem::Version: a version is digits, then `.`-separated alphanumeric parts, then optionally
 * `-` and `.`-separated parts that may hold `-`. Each `-` reads as `.pre.`, and the text splits
 * into runs of digits and runs of letters: `1.0.a10-1` is `1, 0, "a", 10, "pre", 1`.
 */

/** A number as decimal digits without leading zeros (`0` for zero), or a run of letters. */
export type GemSegment = { readonly number: string } | { readonly text: string };

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isAlphanumeric(code: number): boolean {
  return isDigit(code) || isLetter(code);
}

/** Ruby's `\s`: what Gem::Version tolerates around a version and strips. */
function isRubySpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** The version without surrounding whitespace, as Gem::Version strips it. */
export function trimVersion(version: string): string {
  let start = 0;
  let end = version.length;
  while (start < end && isRubySpace(version.charCodeAt(start))) {
    start++;
  }
  while (end > start && isRubySpace(version.charCodeAt(end - 1))) {
    end--;
  }
  return start === 0 && end === version.length ? version : version.slice(start, end);
}

/** Consumes a run of characters accepted by `accept` from `start`; returns where it stops. */
function run(text: string, start: number, accept: (code: number) => boolean): number {
  let i = start;
  while (i < text.length && accept(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

function isPrereleaseChar(code: number): boolean {
  return isAlphanumeric(code) || code === 0x2d;
}

/**
 * Why a trimmed version is not what Gem::Version.correct? accepts, or undefined when it is.
 * RubyGems reads an empty version as `0`; here it is refused, since an empty version is a
 * missing one.
 */
export function malformation(text: string): string | undefined {
  if (text.length === 0) {
    return 'empty';
  }
  let i = run(text, 0, isDigit);
  if (i === 0) {
    return 'must start with a digit';
  }
  while (i < text.length && text.charCodeAt(i) === 0x2e) {
    const end = run(text, i + 1, isAlphanumeric);
    if (end === i + 1) {
      return 'empty or non-alphanumeric part after "."';
    }
    i = end;
  }
  if (i < text.length && text.charCodeAt(i) === 0x2d) {
    const end = run(text, i + 1, isPrereleaseChar);
    if (end === i + 1) {
      return 'empty part after "-"';
    }
    i = end;
    while (i < text.length && text.charCodeAt(i) === 0x2e) {
      const end = run(text, i + 1, isPrereleaseChar);
      if (end === i + 1) {
        return 'empty part after "."';
      }
      i = end;
    }
  }
  return i === text.length ? undefined : `unexpected ${JSON.stringify(text.charAt(i))}`;
}

function trimTrailingZeros(segments: GemSegment[], from: number): void {
  while (segments.length > from) {
    const last = segments[segments.length - 1];
    if (last === undefined || !('number' in last) || last.number !== '0') {
      return;
    }
    segments.pop();
  }
}

/**
 * The canonical segments Gem::Version compares: trailing zeros dropped from the release part
 * (before the first letters) and from the prerelease part separately, so `1.0.a.0 = 1.a`.
 */
export function parseGem(text: string): GemSegment[] {
  const segments: GemSegment[] = [];
  let firstText = -1;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      const end = run(text, i, isDigit);
      const start = run(text, i, (c) => c === 0x30);
      segments.push({ number: start === end ? '0' : text.slice(start, end) });
      i = end;
      continue;
    }
    let word: string | undefined;
    let next = i + 1;
    if (isLetter(code)) {
      next = run(text, i, isLetter);
      word = text.slice(i, next);
    } else if (code === 0x2d) {
      word = 'pre';
    }
    if (word !== undefined) {
      if (firstText === -1) {
        firstText = segments.length;
      }
      segments.push({ text: word });
    }
    i = next;
  }
  if (firstText === -1) {
    trimTrailingZeros(segments, 0);
    return segments;
  }
  const release = segments.slice(0, firstText);
  trimTrailingZeros(release, 0);
  const prerelease = segments.slice(firstText);
  trimTrailingZeros(prerelease, 0);
  return release.concat(prerelease);
}
