import { InvalidVersionError } from '../../version/types.js';

/** What SemVer precedence looks at; build metadata is checked, then dropped. */
export interface SemverVersion {
  /** The numeric components, without leading zeros; at least one. */
  readonly core: readonly string[];
  /** The pre-release identifiers; empty for a release. */
  readonly prerelease: readonly string[];
}

const dot = 46;
const hyphen = 45;
const plus = 43;
const zero = 48;
const letterV = 118;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** SemVer's identifier characters: `[0-9A-Za-z-]`. */
function isIdentifierCharacter(code: number): boolean {
  return (
    isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === hyphen
  );
}

/** Reads text from a given position, throwing with the scheme's name on the first problem. */
export interface Reader {
  readonly scheme: string;
  readonly text: string;
  position: number;
}

export function fail(reader: Reader, reason: string): never {
  throw new InvalidVersionError(reader.scheme, reader.text, reason);
}

/** A number with no leading zero (`0` itself is fine), as SemVer requires. */
export function readNumber(reader: Reader, what: string): string {
  const start = reader.position;
  while (isDigit(reader.text.charCodeAt(reader.position))) {
    reader.position++;
  }
  if (reader.position === start) {
    fail(reader, `${what} is not a number`);
  }
  if (reader.position - start > 1 && reader.text.charCodeAt(start) === zero) {
    fail(reader, `${what} has a leading zero`);
  }
  return reader.text.slice(start, reader.position);
}

/**
 * Dot-separated identifiers after `-` or `+`, up to `+` or the end. Pre-release identifiers
 * made only of digits are numbers, so they may not have leading zeros; build ones may.
 */
export function readIdentifiers(reader: Reader, what: 'pre-release' | 'build'): string[] {
  const identifiers: string[] = [];
  const { text } = reader;
  for (;;) {
    const start = reader.position;
    let numeric = true;
    while (isIdentifierCharacter(text.charCodeAt(reader.position))) {
      numeric &&= isDigit(text.charCodeAt(reader.position));
      reader.position++;
    }
    if (reader.position === start) {
      fail(reader, `an empty or malformed ${what} identifier`);
    }
    if (what === 'pre-release' && numeric && reader.position - start > 1) {
      if (text.charCodeAt(start) === zero) {
        fail(reader, 'a numeric pre-release identifier has a leading zero');
      }
    }
    // Build identifiers are only checked: precedence never looks at them.
    if (what === 'pre-release') {
      identifiers.push(text.slice(start, reader.position));
    }
    if (text.charCodeAt(reader.position) !== dot) {
      return identifiers;
    }
    reader.position++;
  }
}

/** After the core: `-pre.release`, then `+build`, then nothing. */
export function readTail(reader: Reader): string[] {
  let prerelease: string[] = [];
  if (reader.text.charCodeAt(reader.position) === hyphen) {
    reader.position++;
    prerelease = readIdentifiers(reader, 'pre-release');
  }
  if (reader.text.charCodeAt(reader.position) === plus) {
    reader.position++;
    readIdentifiers(reader, 'build');
  }
  if (reader.position < reader.text.length) {
    fail(reader, `unexpected ${JSON.stringify(reader.text.charAt(reader.position))}`);
  }
  return prerelease;
}

/**
 * Reads a SemVer 2.0.0 version the way OSV data needs it read: a leading `v` is allowed
 * (`v1.2.3` is `1.2.3`), and the core may have fewer or more than three numbers, because OSV
 * ranges start at `0` and some feeds carry `1.2.3.4`. Missing numbers read as 0; extra ones
 * are compared like the others. Everything else is SemVer: no leading zeros, identifiers of
 * `[0-9A-Za-z-]`, nothing empty.
 */
export function parseSemver(text: string): SemverVersion {
  const reader: Reader = { scheme: 'semver', text, position: 0 };
  if (text.charCodeAt(0) === letterV) {
    reader.position = 1;
  }
  const core = [readNumber(reader, 'the major version')];
  while (text.charCodeAt(reader.position) === dot) {
    reader.position++;
    core.push(readNumber(reader, 'a version component'));
  }
  return { core, prerelease: readTail(reader) };
}
