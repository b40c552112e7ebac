/**
 * Maven's ComparableVersion (maven-artifact 3.9) reads a version into a tree of items: numbers,
 * qualifiers and sub-lists. A `-` opens a sub-list, and so does a switch between letters and
 * digits; a `.` only separates. Trailing "null" items (0, the release qualifier, empty lists)
 * are then trimmed from every list, innermost first.
 */

export type MavenItem = MavenNumber | MavenQualifier | MavenList;

export interface MavenNumber {
  readonly kind: 'number';
  /** Decimal digits without leading zeros (`0` for zero), so length then text orders them. */
  readonly digits: string;
}

export interface MavenQualifier {
  readonly kind: 'qualifier';
  /** Position in {@link qualifierOrder}; unknown qualifiers all share the rank after `sp`. */
  readonly rank: number;
  /** The lower-cased qualifier, after aliases; what unknown qualifiers are ordered by. */
  readonly text: string;
}

export interface MavenList {
  readonly kind: 'list';
  readonly items: MavenItem[];
}

/** Known qualifiers, lowest first; the empty string is the release itself. */
const qualifierOrder: readonly string[] = [
  'alpha',
  'beta',
  'milestone',
  'rc',
  'snapshot',
  '',
  'sp',
];

export const releaseRank = qualifierOrder.indexOf('');
const unknownRank = qualifierOrder.length;

const aliases: ReadonlyMap<string, string> = new Map([
  ['ga', ''],
  ['final', ''],
  ['release', ''],
  ['cr', 'rc'],
]);

const shorthands: ReadonlyMap<string, string> = new Map([
  ['a', 'alpha'],
  ['b', 'beta'],
  ['m', 'milestone'],
]);

const zero: MavenNumber = { kind: 'number', digits: '0' };

function numberItem(digits: string): MavenNumber {
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === 0x30) {
    start++;
  }
  return { kind: 'number', digits: start === 0 ? digits : digits.slice(start) };
}

function qualifierItem(text: string, followedByDigit: boolean): MavenQualifier {
  // `a1` is alpha 1, but a lone `a` (or `a.1`, `a-1`) stays the unknown qualifier "a".
  const expanded = followedByDigit ? (shorthands.get(text) ?? text) : text;
  const value = aliases.get(expanded) ?? expanded;
  const rank = qualifierOrder.indexOf(value);
  return { kind: 'qualifier', rank: rank === -1 ? unknownRank : rank, text: value };
}

function isNull(item: MavenItem): boolean {
  switch (item.kind) {
    case 'number':
      return item.digits === '0';
    case 'qualifier':
      return item.rank === releaseRank;
    case 'list':
      return item.items.length === 0;
  }
}

/** Drops trailing null items, looking past non-null sub-lists as Maven does (`1.0-x` is `1-x`). */
function normalize(list: MavenList): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item === undefined) {
      continue;
    }
    if (isNull(item)) {
      items.splice(i, 1);
    } else if (item.kind !== 'list') {
      break;
    }
  }
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Parses a version that {@link malformation} accepted into the tree that ordering walks.
 */
export function parseMaven(version: string): MavenList {
  const text = version.toLowerCase();
  const root: MavenList = { kind: 'list', items: [] };
  const opened: MavenList[] = [root];
  let list = root;
  let isDigit = false;
  let start = 0;

  function openList(): void {
    const next: MavenList = { kind: 'list', items: [] };
    list.items.push(next);
    list = next;
    opened.push(next);
  }

  function token(end: number, digit: boolean): MavenItem {
    const part = text.slice(start, end);
    return digit ? numberItem(part) : qualifierItem(part, false);
  }

  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2e /* . */ || code === 0x2d /* - */) {
      list.items.push(i === start ? zero : token(i, isDigit));
      start = i + 1;
      if (code === 0x2d) {
        openList();
      }
    } else if (isAsciiDigit(code)) {
      if (!isDigit && i > start) {
        // Letters then digits: the letters become a qualifier in a list of their own, and
        // the number that follows goes one level deeper (`1.0.0.RC1` orders as `1-rc-1`).
        if (list.items.length > 0) {
          openList();
        }
        list.items.push(qualifierItem(text.slice(start, i), true));
        start = i;
        openList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(token(i, true));
        start = i;
        openList();
      }
      isDigit = false;
    }
  }
  if (text.length > start) {
    // A trailing `.X` qualifier is read as `-X`, so `1.0.0.foo` equals `1-foo`.
    if (!isDigit && list.items.length > 0) {
      openList();
    }
    list.items.push(token(text.length, isDigit));
  }
  for (let i = opened.length - 1; i >= 0; i--) {
    const item = opened[i];
    if (item !== undefined) {
      normalize(item);
    }
  }
  return root;
}

/**
 * Maven orders any string, but a scanner should not guess: a version here must be non-empty
 * printable ASCII without spaces, and without the characters Maven's model validator refuses
 * in a version (`\ / : " < > | ? *`).
 */
export function malformation(version: string): string | undefined {
  if (version.length === 0) {
    return 'empty';
  }
  for (let i = 0; i < version.length; i++) {
    const code = version.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f) {
      return 'only printable ASCII without spaces';
    }
    if ('\\/:"<>|?*'.includes(version.charAt(i))) {
      return `Maven refuses ${version.charAt(i)} in a version`;
    }
  }
  return undefined;
}
