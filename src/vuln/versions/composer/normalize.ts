/**
 * Composer's VersionParser::normalize (composer/semver 3): the form Composer compares versions
 * in. `v1.2` becomes `1.2.0.0`, `1.0-b2` becomes `1.0.0.0-beta2`, `1.x-dev` becomes
 * `1.9999999.9999999.9999999-dev`, and a branch stays `dev-name`. Anything else Composer
 * refuses, and so does this.
 */

const stability = '(stable|beta|b|RC|alpha|a|patch|pl|p)';
/** Composer's modifier: an optional stability with numbers, then an optional dev marker. */
const modifier = `[._-]?(?:${stability}((?:[.-]?\\d+)*)?)?([.-]?dev)?`;

// PCRE's possessive quantifiers in Composer's patterns change nothing here: what follows each
// of them can never start with what they would give back, so plain greedy ones match the same.
const classical = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${modifier}$`, 'i');
const dateBased = new RegExp(
  `^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)${modifier}$`,
  'i'
);
const buildMetadata = /^([^,\s+]+)\+\S+$/;
const devSuffix = /(.*?)[.-]?dev$/i;
const numericBranch = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;
const stabilityFlag = /@(?:stable|RC|beta|alpha|dev)$/i;

const defaultBranches: ReadonlySet<string> = new Set(['master', 'trunk', 'default']);

function expandStability(value: string): string {
  const lower = value.toLowerCase();
  switch (lower) {
    case 'a':
      return 'alpha';
    case 'b':
      return 'beta';
    case 'p':
    case 'pl':
      return 'patch';
    case 'rc':
      return 'RC';
    default:
      return lower;
  }
}

/** Appends the stability and dev marker of a matched version, as Composer writes them. */
function withModifiers(
  version: string,
  stabilityName: string | undefined,
  numbers: string | undefined,
  dev: string | undefined
): string {
  let result = version;
  if (stabilityName) {
    // Only the lower-case spelling is dropped: Composer compares `'stable' === $match`.
    if (stabilityName === 'stable') {
      return result;
    }
    result += `-${expandStability(stabilityName)}${numbers ? numbers.replace(/^[.-]+/, '') : ''}`;
  }
  return dev ? `${result}-dev` : result;
}

/** `1.x` as a branch is `1.9999999.9999999.9999999-dev`; a named branch is no version here. */
function normalizeBranch(name: string): string | undefined {
  const match = numericBranch.exec(name.trim());
  if (!match) {
    return undefined;
  }
  let version = '';
  for (let i = 1; i < 5; i++) {
    const part = match[i];
    version += part === undefined ? '.x' : part.replace(/[*X]/g, 'x');
  }
  return `${version.replace(/x/g, '9999999')}-dev`;
}

/** What PHP's trim() strips: space, tab, line feed, carriage return, NUL and vertical tab. */
function isPhpSpace(code: number): boolean {
  return (
    code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0 || code === 0x0b
  );
}

function phpTrim(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isPhpSpace(value.charCodeAt(start))) {
    start++;
  }
  while (end > start && isPhpSpace(value.charCodeAt(end - 1))) {
    end--;
  }
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * `[v]N[.N[.N[.N]]]` with a first number of at most five digits, the common case, normalized
 * without regular expressions: what the classical pattern would give, padded to four numbers.
 */
function plainRelease(version: string): string | undefined {
  let i = version.charCodeAt(0) === 0x76 || version.charCodeAt(0) === 0x56 ? 1 : 0;
  const start = i;
  let numbers = 0;
  for (;;) {
    const first = i;
    while (isDigit(version.charCodeAt(i))) {
      i++;
    }
    if (i === first || (numbers === 0 && i - first > 5)) {
      return undefined;
    }
    numbers++;
    if (i === version.length) {
      break;
    }
    if (version.charCodeAt(i) !== 0x2e || numbers === 4) {
      return undefined;
    }
    i++;
  }
  const release = start === 0 ? version : version.slice(start);
  return numbers === 4 ? release : release + '.0'.repeat(4 - numbers);
}

/**
 * The normalized version, or why it is not one. Stricter than Composer in three ways, each to
 * refuse what is no installed version: the `x as y` alias and `@dev` flag forms of constraints,
 * and any space, control or non-ASCII character (which only a branch name could hold).
 */
export function normalizeComposer(input: string): { version: string } | { error: string } {
  let version = phpTrim(input);
  if (version.length === 0) {
    return { error: 'empty' };
  }
  for (let i = 0; i < version.length; i++) {
    const code = version.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f) {
      return { error: 'only printable ASCII without spaces' };
    }
  }
  const plain = plainRelease(version);
  if (plain !== undefined) {
    return { version: plain };
  }
  if (version.includes('@') && stabilityFlag.test(version)) {
    return { error: 'a stability flag belongs to a constraint, not a version' };
  }
  if (defaultBranches.has(version)) {
    version = `dev-${version}`;
  }
  if (version.slice(0, 4).toLowerCase() === 'dev-') {
    return { version: `dev-${version.slice(4)}` };
  }
  const metadata = version.includes('+') ? buildMetadata.exec(version) : null;
  if (metadata?.[1] !== undefined) {
    version = metadata[1];
  }
  const match = classical.exec(version);
  if (match) {
    const release = `${match[1] ?? ''}${match[2] ?? '.0'}${match[3] ?? '.0'}${match[4] ?? '.0'}`;
    return { version: withModifiers(release, match[5], match[6], match[7]) };
  }
  const date = dateBased.exec(version);
  if (date) {
    const release = (date[1] ?? '').replace(/\D/g, '.');
    return { version: withModifiers(release, date[2], date[3], date[4]) };
  }
  const dev = devSuffix.exec(version);
  const branch = dev ? normalizeBranch(dev[1] ?? '') : undefined;
  if (branch !== undefined) {
    return { version: branch };
  }
  return { error: 'not a version Composer can normalize' };
}
