/**
 * PHP's version_compare, which Composer applies to normalized versions. PHP first rewrites the
 * text: `-`, `_` and `+` become `.`, a `.` goes between digits and anything else, and other
 * punctuation collapses into `.`. Then the dot-separated parts compare one by one: numbers as
 * numbers, words by their special form, a number against a word as the form `#`.
 */

export interface PhpPart {
  /** Digits without leading zeros, capped at 2^63-1 as C's strtol caps them; else undefined. */
  readonly number: string | undefined;
  /** The special-form rank: a number counts as `#`. */
  readonly rank: number;
}

/** A version cut into the parts PHP compares. */
export interface PhpVersion {
  readonly parts: readonly PhpPart[];
  /** The text ends with a separator (`dev-x.`): PHP then stops early and the empty part sorts low. */
  readonly endsEmpty: boolean;
}

const longMax = '9223372036854775807';
const numberRank = 4;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isAlphanumeric(code: number): boolean {
  return isDigit(code) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * The special forms, matched by prefix and case-sensitively: `dev < alpha = a < beta = b <
 * RC = rc < # < pl = p`; anything else sorts below `dev`. So `beta2x` is beta, `patch` is `p`
 * and `Alpha` is unknown (Composer's normalization lower-cases stabilities, `RC` aside).
 */
function specialRank(form: string): number {
  if (form.startsWith('dev')) {
    return 0;
  }
  switch (form.charAt(0)) {
    case 'a':
      return 1;
    case 'b':
      return 2;
    case '#':
      return 4;
    case 'p':
      return 5;
    default:
      return form.startsWith('RC') || form.startsWith('rc') ? 3 : -1;
  }
}

/** PHP's php_canonicalize_version; the first character is kept whatever it is. */
function canonicalize(version: string): string {
  if (version.length === 0) {
    return '';
  }
  let out = version.charAt(0);
  let previous = version.charCodeAt(0);
  for (let i = 1; i < version.length; i++) {
    const code = version.charCodeAt(i);
    const lastDot = out.charCodeAt(out.length - 1) === 0x2e;
    const previousDigit = isDigit(previous);
    const previousOther = !previousDigit && previous !== 0x2e;
    if (code === 0x2d || code === 0x5f || code === 0x2b) {
      out += lastDot ? '' : '.';
    } else if (
      (previousOther && isDigit(code)) ||
      (previousDigit && !isDigit(code) && code !== 0x2e)
    ) {
      // A switch between digits and other characters inserts a `.` and keeps the character,
      // even punctuation: `1#` becomes `1.#`.
      out += (lastDot ? '' : '.') + version.charAt(i);
    } else if (!isAlphanumeric(code)) {
      out += lastDot ? '' : '.';
    } else {
      out += version.charAt(i);
    }
    previous = code;
  }
  return out;
}

function toPart(text: string): PhpPart {
  if (!isDigit(text.charCodeAt(0))) {
    return { number: undefined, rank: specialRank(text) };
  }
  let start = 0;
  let end = 0;
  while (end < text.length && isDigit(text.charCodeAt(end))) {
    end++;
  }
  while (start < end - 1 && text.charCodeAt(start) === 0x30) {
    start++;
  }
  const digits = text.slice(start, end);
  const capped =
    digits.length > longMax.length || (digits.length === longMax.length && digits > longMax);
  return { number: capped ? longMax : digits, rank: numberRank };
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

const emptyPart: PhpPart = { number: undefined, rank: specialRank('') };

/**
 * The parts of a version made of letters, digits, `.` and `-` only, starting with a letter or
 * digit: almost every normalized version. PHP's rewrite then only splits runs of digits from
 * runs of letters, and a run of `.` and `-` is one boundary, so no text needs rewriting.
 */
function simpleParts(version: string): PhpVersion | undefined {
  const parts: PhpPart[] = [];
  let i = 0;
  while (i < version.length) {
    const code = version.charCodeAt(i);
    let end = i + 1;
    if (isDigit(code)) {
      while (isDigit(version.charCodeAt(end))) {
        end++;
      }
      parts.push(toPart(version.slice(i, end)));
    } else if (isLetter(code)) {
      while (isLetter(version.charCodeAt(end))) {
        end++;
      }
      parts.push({ number: undefined, rank: specialRank(version.slice(i, end)) });
    } else if (i === 0 || (code !== 0x2e && code !== 0x2d)) {
      return undefined;
    }
    i = end;
  }
  const last = version.charCodeAt(version.length - 1);
  const endsEmpty = last === 0x2e || last === 0x2d;
  if (endsEmpty) {
    parts.push(emptyPart);
  }
  return { parts, endsEmpty };
}

export function parsePhpVersion(version: string): PhpVersion {
  const simple = simpleParts(version);
  if (simple !== undefined) {
    return simple;
  }
  const texts = canonicalize(version).split('.');
  return {
    parts: texts.map(toPart),
    endsEmpty: texts[texts.length - 1] === '',
  };
}

function compareParts(a: PhpPart, b: PhpPart): number {
  if (a.number !== undefined && b.number !== undefined) {
    if (a.number.length !== b.number.length) {
      return a.number.length < b.number.length ? -1 : 1;
    }
    return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
  }
  return Math.sign(a.rank - b.rank);
}

/**
 * The parts one version has beyond the other, against nothing: a number there makes it the
 * later version, a form other than `#` decides by its rank against `#`, and `#` looks further.
 */
function compareRest(version: PhpVersion, from: number): number {
  for (let i = from; i < version.parts.length; i++) {
    const part = version.parts[i];
    if (part === undefined || part.number !== undefined) {
      return 1;
    }
    if (part.rank !== numberRank) {
      return Math.sign(part.rank - numberRank);
    }
  }
  return 0;
}

/** php_version_compare on two parsed versions, with PHP's treatment of a trailing `.`. */
export function comparePhp(a: PhpVersion, b: PhpVersion): number {
  const lastA = a.parts.length - 1;
  const lastB = b.parts.length - 1;
  let i = 0;
  let j = 0;
  let moreA = true;
  let moreB = true;
  while (moreA && moreB && !(a.endsEmpty && i === lastA) && !(b.endsEmpty && j === lastB)) {
    moreA = i < lastA;
    moreB = j < lastB;
    const left = a.parts[i];
    const right = b.parts[j];
    const result = left === undefined || right === undefined ? 0 : compareParts(left, right);
    if (result !== 0) {
      return result;
    }
    i += moreA ? 1 : 0;
    j += moreB ? 1 : 0;
  }
  if (moreA) {
    return compareRest(a, i);
  }
  if (moreB) {
    return -compareRest(b, j);
  }
  return 0;
}
