/**
 * Versions that are not PEP 440 (`0.9-doduo`, `2.0.1rc2-git`, `trunk`) in the order `packaging`
 * gave them before version 22 removed LegacyVersion, the order pip used until 24.1 and OSV's
 * PyPI data still reflects: setuptools' old parse_version. Every such version sorts before
 * every PEP 440 version.
 */

export interface LegacyVersion {
  readonly kind: 'legacy';
  /** setuptools' comparison key: numbers zero-padded to 8 digits, words prefixed with `*`. */
  readonly parts: readonly string[];
}

/** Spellings setuptools folded: pre-releases to `c`, `dev` below every letter, `-` as `final-`. */
const replacements: ReadonlyMap<string, string> = new Map([
  ['pre', 'c'],
  ['preview', 'c'],
  ['-', 'final-'],
  ['rc', 'c'],
  ['dev', '@'],
]);

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/**
 * There is no malformed legacy version in setuptools; here one must be printable ASCII without
 * spaces and hold a letter or digit, so empty strings and stray text are still refused.
 */
export function legacyMalformation(version: string): string | undefined {
  if (version.length === 0) {
    return 'empty';
  }
  let alphanumeric = false;
  for (let i = 0; i < version.length; i++) {
    const code = version.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f) {
      return 'neither PEP 440 nor a legacy version (printable ASCII without spaces)';
    }
    alphanumeric ||= isDigit(code) || isLetter(code | 0x20);
  }
  return alphanumeric ? undefined : 'neither PEP 440 nor a legacy version (no letter or digit)';
}

/** The pieces Python's `re.split(r"(\d+|[a-z]+|\.|-)", text)` returns, empty ones left out. */
function pieces(text: string): string[] {
  const result: string[] = [];
  let other = '';
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    let end = i + 1;
    if (isDigit(code)) {
      while (isDigit(text.charCodeAt(end))) {
        end++;
      }
    } else if (isLetter(code)) {
      while (isLetter(text.charCodeAt(end))) {
        end++;
      }
    } else if (code !== 0x2e && code !== 0x2d) {
      other += text.charAt(i);
      i = end;
      continue;
    }
    if (other !== '') {
      result.push(other);
      other = '';
    }
    result.push(text.slice(i, end));
    i = end;
  }
  if (other !== '') {
    result.push(other);
  }
  return result;
}

export function parseLegacy(version: string): LegacyVersion {
  const parts: string[] = [];
  function add(part: string): void {
    if (part.startsWith('*')) {
      // A pre-release word drops the `-` before it, and any word ends a run of numbers,
      // whose trailing zeros go: `1.0-a` is `1, a`.
      if (part < '*final') {
        while (parts[parts.length - 1] === '*final-') {
          parts.pop();
        }
      }
      while (parts[parts.length - 1] === '00000000') {
        parts.pop();
      }
    }
    parts.push(part);
  }
  for (const piece of pieces(version.toLowerCase())) {
    const part = replacements.get(piece) ?? piece;
    if (part === '.') {
      continue;
    }
    add(isDigit(part.charCodeAt(0)) ? part.padStart(8, '0') : `*${part}`);
  }
  add('*final');
  return { kind: 'legacy', parts };
}

export function compareLegacy(a: LegacyVersion, b: LegacyVersion): number {
  const length = Math.min(a.parts.length, b.parts.length);
  for (let i = 0; i < length; i++) {
    const left = a.parts[i] ?? '';
    const right = b.parts[i] ?? '';
    if (left !== right) {
      return left < right ? -1 : 1;
    }
  }
  return a.parts.length - b.parts.length === 0 ? 0 : a.parts.length < b.parts.length ? -1 : 1;
}
