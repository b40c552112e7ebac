import { InvalidVersionError } from '../../version/types.js';

/** An rpm EVR cut into its parts. */
export interface RpmVersion {
  /**
   * The digits before `:`, or `0` when the text has no epoch: rpm's own rule for a missing
   * epoch (see compareRpmVersions for why we keep it).
   */
  readonly epoch: string;
  readonly version: string;
  /** Undefined when the text has no `-`; an empty release (`1.0-`) is a release. */
  readonly release: string | undefined;
}

const colon = 58;
const space = 32;
const del = 127;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function fail(text: string, reason: string): never {
  throw new InvalidVersionError('rpm', text, reason);
}

/**
 * Reads `[epoch:]version[-release]` as rpm splits an EVR: the epoch is the run of digits
 * before a `:` at the start, the release follows the last `-`. rpm puts few limits on the
 * characters themselves (`1.1.α` orders fine), so only what cannot be one token is refused:
 * an empty version, an empty epoch, and whitespace or control characters.
 */
export function parseRpmVersion(text: string): RpmVersion {
  if (text === '') {
    fail(text, 'empty');
  }
  let digits = 0;
  while (isDigit(text.charCodeAt(digits))) {
    digits++;
  }
  const hasEpoch = text.charCodeAt(digits) === colon;
  if (hasEpoch && digits === 0) {
    fail(text, 'the epoch before ":" is empty');
  }
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code <= space || code === del) {
      fail(text, 'whitespace or a control character');
    }
  }
  const versionStart = hasEpoch ? digits + 1 : 0;
  const hyphen = text.lastIndexOf('-');
  const hasRelease = hyphen >= versionStart;
  const version = text.slice(versionStart, hasRelease ? hyphen : text.length);
  if (version === '') {
    fail(text, 'the version is empty');
  }
  return {
    epoch: hasEpoch ? text.slice(0, digits) : '0',
    version,
    release: hasRelease ? text.slice(hyphen + 1) : undefined,
  };
}
