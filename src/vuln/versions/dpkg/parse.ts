import { InvalidVersionError } from '../../version/types.js';

/** A dpkg version cut into its three parts. */
export interface DpkgVersion {
  /** 0 when the version has none. */
  readonly epoch: number;
  readonly upstream: string;
  /** Empty when the version has none, which dpkg orders exactly like `0`. */
  readonly revision: string;
}

/** dpkg stores the epoch as a C int and refuses anything larger. */
const maxEpoch = 2147483647;

const dot = 46;
const plus = 43;
const tilde = 126;
const hyphen = 45;
const colon = 58;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAlphanumeric(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** `.`, `+`, `~` in both parts; the upstream version may also hold `-` and `:`. */
function isAllowed(code: number, inUpstream: boolean): boolean {
  return (
    isAlphanumeric(code) ||
    code === dot ||
    code === plus ||
    code === tilde ||
    (inUpstream && (code === hyphen || code === colon))
  );
}

function firstDisallowed(text: string, inUpstream: boolean): number {
  for (let index = 0; index < text.length; index++) {
    if (!isAllowed(text.charCodeAt(index), inUpstream)) {
      return index;
    }
  }
  return -1;
}

function fail(text: string, reason: string): never {
  throw new InvalidVersionError('dpkg', text, reason);
}

function readEpoch(text: string, colon: number): number {
  if (colon === 0) {
    fail(text, 'the epoch before ":" is empty');
  }
  for (let index = 0; index < colon; index++) {
    if (!isDigit(text.charCodeAt(index))) {
      fail(text, 'the epoch is not an unsigned number');
    }
  }
  const epoch = Number(text.slice(0, colon));
  if (epoch > maxEpoch) {
    fail(text, 'the epoch is larger than dpkg allows');
  }
  return epoch;
}

/**
 * Reads `[epoch:]upstream[-revision]` as Debian policy §5.6.12 and dpkg define it: the epoch
 * ends at the first `:`, the revision starts after the last `-`. Throws `InvalidVersionError`
 * naming the first rule the text breaks.
 */
export function parseDpkgVersion(text: string): DpkgVersion {
  if (text === '') {
    fail(text, 'empty');
  }
  const colon = text.indexOf(':');
  const epoch = colon < 0 ? 0 : readEpoch(text, colon);
  const upstreamStart = colon + 1;
  const hyphen = text.lastIndexOf('-');
  let upstreamEnd = text.length;
  let revision = '';
  if (hyphen >= upstreamStart) {
    revision = text.slice(hyphen + 1);
    if (revision === '') {
      fail(text, 'the revision after the last "-" is empty');
    }
    const bad = firstDisallowed(revision, false);
    if (bad >= 0) {
      fail(text, `the revision may not hold ${JSON.stringify(revision.charAt(bad))}`);
    }
    upstreamEnd = hyphen;
  }
  const upstream = text.slice(upstreamStart, upstreamEnd);
  if (upstream === '') {
    fail(text, 'the upstream version is empty');
  }
  if (!isDigit(upstream.charCodeAt(0))) {
    fail(text, 'the upstream version does not start with a digit');
  }
  const bad = firstDisallowed(upstream, true);
  if (bad >= 0) {
    fail(text, `the upstream version may not hold ${JSON.stringify(upstream.charAt(bad))}`);
  }
  return { epoch, upstream, revision };
}
