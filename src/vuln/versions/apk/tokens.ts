import { InvalidVersionError } from '../../version/types.js';

/**
 * Token kinds, in the order apk's grammar lets them follow one another. Where two versions
 * first differ in kind, the order decides (see compareApkVersions): so the numbers here are
 * ranks, not labels.
 */
export const Kind = {
  Number: 1,
  Letter: 2,
  Suffix: 3,
  SuffixNumber: 4,
  Hash: 5,
  Revision: 6,
  End: 7,
} as const;

export type Kind = (typeof Kind)[keyof typeof Kind];

/** Suffix ranks: the four pre-release suffixes sort below no suffix, the rest above. */
const suffixRanks: ReadonlyMap<string, number> = new Map([
  ['alpha', 0],
  ['beta', 1],
  ['pre', 2],
  ['rc', 3],
  ['cvs', 5],
  ['svn', 6],
  ['git', 7],
  ['hg', 8],
  ['p', 9],
]);

/** The rank no suffix would have: suffixes ranked below it are pre-releases. */
export const noSuffix = 4;

/** One version being read a token at a time, without copying it. */
export interface Cursor {
  readonly text: string;
  /** Where the next token starts. */
  next: number;
  /** The kind of the current token; 0 before the first. */
  kind: Kind | 0;
  /** Where the current token's digits, letter or hash sit in text. */
  start: number;
  end: number;
  /**
   * For a Number: compare by value. True for the first number and one after the letter;
   * false for a number after a dot, which compares as text when either has a leading zero.
   */
  byValue: boolean;
  /** Whether a number followed the letter (`p1` in `6.6p1`), which closes the numbers. */
  afterLetter: boolean;
  /** For a Suffix: its rank. */
  suffix: number;
}

const dot = 46;
const underscore = 95;
const tilde = 126;
const hyphen = 45;
const letterR = 114;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLower(code: number): boolean {
  return code >= 97 && code <= 122;
}

function isHex(code: number): boolean {
  return isDigit(code) || (code >= 97 && code <= 102);
}

function fail(cursor: Cursor, reason: string): never {
  throw new InvalidVersionError('apk', cursor.text, reason);
}

function unexpected(cursor: Cursor, at: number): never {
  if (at >= cursor.text.length) {
    return fail(cursor, 'ends where a number should follow');
  }
  return fail(cursor, `unexpected ${JSON.stringify(cursor.text.charAt(at))} at ${at + 1}`);
}

function setToken(cursor: Cursor, kind: Kind, start: number, end: number): void {
  cursor.kind = kind;
  cursor.start = start;
  cursor.end = end;
  cursor.next = end;
}

/** Sets the current token to the run of characters from `from` that pass `accept`. */
function take(cursor: Cursor, kind: Kind, from: number, accept: (code: number) => boolean): void {
  let end = from;
  while (end < cursor.text.length && accept(cursor.text.charCodeAt(end))) {
    end++;
  }
  setToken(cursor, kind, from, end);
}

function takeNumber(cursor: Cursor, from: number, byValue: boolean): void {
  take(cursor, Kind.Number, from, isDigit);
  cursor.byValue = byValue;
  if (cursor.start === cursor.end) {
    unexpected(cursor, from);
  }
}

function takeSuffix(cursor: Cursor, at: number): void {
  take(cursor, Kind.Suffix, at + 1, isLower);
  const rank = suffixRanks.get(cursor.text.slice(cursor.start, cursor.end));
  if (rank === undefined) {
    fail(cursor, `unknown suffix "_${cursor.text.slice(cursor.start, cursor.end)}"`);
  }
  cursor.suffix = rank;
}

/** After `-`: `r` and the build number, which may be empty (`1-r` is `1-r0`, as apk 2 reads it). */
function takeRevision(cursor: Cursor, at: number): void {
  if (cursor.text.charCodeAt(at + 1) !== letterR) {
    unexpected(cursor, at);
  }
  take(cursor, Kind.Revision, at + 2, isDigit);
}

function takeHash(cursor: Cursor, at: number): void {
  take(cursor, Kind.Hash, at + 1, isHex);
  if (cursor.start === cursor.end) {
    fail(cursor, 'an empty commit hash after "~"');
  }
}

/** Whether the numbers and the letter may still go on: no letter number, no suffix yet. */
function inNumbers(cursor: Cursor): boolean {
  return cursor.kind === Kind.Number && !cursor.afterLetter;
}

/**
 * Moves to the next token of `number{.number}...{letter{number}}{_suffix{number}}...{~hash}{-r#}`,
 * throwing `InvalidVersionError` where the text leaves that grammar.
 */
export function advance(cursor: Cursor): void {
  const at = cursor.next;
  if (cursor.kind === 0) {
    takeNumber(cursor, 0, true);
    return;
  }
  if (at >= cursor.text.length) {
    cursor.kind = Kind.End;
    return;
  }
  const code = cursor.text.charCodeAt(at);
  if (isDigit(code) && cursor.kind === Kind.Letter) {
    takeNumber(cursor, at, true);
    cursor.afterLetter = true;
  } else if (isDigit(code) && cursor.kind === Kind.Suffix) {
    take(cursor, Kind.SuffixNumber, at, isDigit);
  } else if (code === dot && inNumbers(cursor)) {
    takeNumber(cursor, at + 1, false);
  } else if (isLower(code) && inNumbers(cursor)) {
    setToken(cursor, Kind.Letter, at, at + 1);
  } else if (code === underscore && cursor.kind <= Kind.SuffixNumber) {
    takeSuffix(cursor, at);
  } else if (code === tilde && cursor.kind < Kind.Hash) {
    takeHash(cursor, at);
  } else if (code === hyphen && cursor.kind < Kind.Revision) {
    takeRevision(cursor, at);
  } else {
    unexpected(cursor, at);
  }
}

/** A cursor on the first token of `text`. */
export function firstToken(text: string): Cursor {
  const cursor: Cursor = {
    text,
    next: 0,
    kind: 0,
    start: 0,
    end: 0,
    byValue: true,
    afterLetter: false,
    suffix: noSuffix,
  };
  if (text === '') {
    fail(cursor, 'empty');
  }
  advance(cursor);
  return cursor;
}

/** Reads to the end, so a version is refused whole even after its order is known. */
export function readToEnd(cursor: Cursor): void {
  while (cursor.kind !== Kind.End) {
    advance(cursor);
  }
}
