/**
 * PEP 440 as the `packaging` library reads it (its Version class): `[N!]N(.N)*[{a|b|rc}N]
 * [.postN][.devN][+local]`, with the spellings PEP 440 normalizes: any case, `-`, `_` or `.`
 * (or nothing) before each suffix, `alpha`/`beta`/`c`/`pre`/`preview` for a/b/rc, `rev`/`r`
 * for post, `1.0-1` for a post-release, a missing number as 0, a leading `v`, and white space
 * around the version.
 */

/** A local segment: digits compare as numbers, anything else as lower-case text. */
export type LocalPart = { readonly number: string } | { readonly text: string };

export interface Pep440Version {
  readonly kind: 'pep440';
  /** Numbers are decimal digits without leading zeros (`0` for zero). */
  readonly epoch: string;
  /** Release numbers with trailing zeros dropped (`1.0.0` is `1`; `0.0` is no number at all). */
  readonly release: readonly string[];
  /** 0 for a, 1 for b, 2 for rc, with its number. */
  readonly pre: { readonly rank: number; readonly number: string } | undefined;
  readonly post: string | undefined;
  readonly dev: string | undefined;
  readonly local: readonly LocalPart[] | undefined;
}

/** What Python's `\s` matches, which `packaging` strips around a version. */
export function isPythonSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    (code >= 0x1c && code <= 0x20) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isSeparator(code: number): boolean {
  return code === 0x2e || code === 0x2d || code === 0x5f;
}

function isLowerAlphanumeric(code: number): boolean {
  return isDigit(code) || (code >= 0x61 && code <= 0x7a);
}

/** The digits from `start` to `end` without leading zeros, keeping one for zero. */
function withoutLeadingZeros(text: string, start: number, end: number): string {
  let first = start;
  while (first < end - 1 && text.charCodeAt(first) === 0x30) {
    first++;
  }
  return text.slice(first, end);
}

/** Pre-release spellings, longest first so `alpha` wins over `a`, and their rank. */
const preSpellings: readonly (readonly [string, number])[] = [
  ['preview', 2],
  ['alpha', 0],
  ['beta', 1],
  ['pre', 2],
  ['rc', 2],
  ['a', 0],
  ['b', 1],
  ['c', 2],
];

const postSpellings: readonly string[] = ['post', 'rev', 'r'];

/**
 * A cursor over the lower-cased version. Each optional part of PEP 440's grammar is tried in
 * turn and rewound when it does not match; greedy matching is enough, because no part can
 * give back a character the next part would need (checked against `packaging`'s own regex).
 */
class Cursor {
  index = 0;

  constructor(readonly text: string) {}

  code(): number {
    return this.text.charCodeAt(this.index);
  }

  separator(): void {
    if (isSeparator(this.code())) {
      this.index++;
    }
  }

  /** Digits without leading zeros, or undefined when no digit is here. */
  digits(): string | undefined {
    const start = this.index;
    while (isDigit(this.code())) {
      this.index++;
    }
    return start === this.index ? undefined : withoutLeadingZeros(this.text, start, this.index);
  }

  word(spelling: string): boolean {
    if (this.text.startsWith(spelling, this.index)) {
      this.index += spelling.length;
      return true;
    }
    return false;
  }
}

function parsePre(cursor: Cursor): Pep440Version['pre'] {
  const start = cursor.index;
  cursor.separator();
  for (const [spelling, rank] of preSpellings) {
    if (cursor.word(spelling)) {
      cursor.separator();
      return { rank, number: cursor.digits() ?? '0' };
    }
  }
  cursor.index = start;
  return undefined;
}

function parsePost(cursor: Cursor): string | undefined {
  const start = cursor.index;
  if (cursor.code() === 0x2d) {
    cursor.index++;
    const implicit = cursor.digits();
    if (implicit !== undefined) {
      return implicit;
    }
    cursor.index = start;
  }
  cursor.separator();
  for (const spelling of postSpellings) {
    if (cursor.word(spelling)) {
      cursor.separator();
      return cursor.digits() ?? '0';
    }
  }
  cursor.index = start;
  return undefined;
}

function parseDev(cursor: Cursor): string | undefined {
  const start = cursor.index;
  cursor.separator();
  if (cursor.word('dev')) {
    cursor.separator();
    return cursor.digits() ?? '0';
  }
  cursor.index = start;
  return undefined;
}

function parseLocal(cursor: Cursor): LocalPart[] | undefined {
  const plus = cursor.index;
  if (cursor.code() !== 0x2b) {
    return undefined;
  }
  cursor.index++;
  const parts: LocalPart[] = [];
  for (;;) {
    const start = cursor.index;
    let allDigits = true;
    while (isLowerAlphanumeric(cursor.code())) {
      allDigits &&= isDigit(cursor.code());
      cursor.index++;
    }
    if (start === cursor.index) {
      // Rewound to the `+`, so the version as a whole fails to parse.
      cursor.index = plus;
      return undefined;
    }
    const text = cursor.text;
    parts.push(
      allDigits
        ? { number: withoutLeadingZeros(text, start, cursor.index) }
        : { text: text.slice(start, cursor.index) }
    );
    if (!isSeparator(cursor.code())) {
      return parts;
    }
    cursor.index++;
  }
}

/** The version without Python white space around it. */
export function trimPython(version: string): string {
  let start = 0;
  let end = version.length;
  while (start < end && isPythonSpace(version.charCodeAt(start))) {
    start++;
  }
  while (end > start && isPythonSpace(version.charCodeAt(end - 1))) {
    end--;
  }
  return start === 0 && end === version.length ? version : version.slice(start, end);
}

/** The PEP 440 reading of a version, or undefined when it is not PEP 440. */
export function parsePep440(version: string): Pep440Version | undefined {
  const text = trimPython(version);
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7e) {
      return undefined;
    }
  }
  const cursor = new Cursor(text.toLowerCase());
  cursor.word('v');
  let epoch = '0';
  let first = cursor.digits();
  if (first !== undefined && cursor.code() === 0x21 /* ! */) {
    cursor.index++;
    epoch = first;
    first = cursor.digits();
  }
  if (first === undefined) {
    return undefined;
  }
  const release = [first];
  while (cursor.code() === 0x2e && isDigit(cursor.text.charCodeAt(cursor.index + 1))) {
    cursor.index++;
    release.push(cursor.digits() ?? '0');
  }
  while (release[release.length - 1] === '0') {
    release.pop();
  }
  const pre = parsePre(cursor);
  const post = parsePost(cursor);
  const dev = parseDev(cursor);
  const local = parseLocal(cursor);
  if (cursor.index !== text.length) {
    return undefined;
  }
  return { kind: 'pep440', epoch, release, pre, post, dev, local };
}
