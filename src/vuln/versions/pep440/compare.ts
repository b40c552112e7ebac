import { compareLegacy, type LegacyVersion } from './legacy.js';
import type { LocalPart, Pep440Version } from './parse.js';

/** Digit strings without leading zeros: the longer is larger, else the text decides. */
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) {
    return a.length < b.length ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Optional numbers; `missing` is how an absent one compares to a present one. */
function compareOptional(a: string | undefined, b: string | undefined, missing: number): number {
  if (a === undefined || b === undefined) {
    return a === b ? 0 : a === undefined ? missing : -missing;
  }
  return compareDigits(a, b);
}

function compareRelease(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const result = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (result !== 0) {
      return result;
    }
  }
  return Math.sign(a.length - b.length);
}

/**
 * The pre-release rank `packaging` sorts by: a dev release of the release itself (`1.0.dev0`)
 * comes before its alphas, a release without a pre-release after its release candidates.
 */
function preRank(version: Pep440Version): number {
  if (version.pre !== undefined) {
    return version.pre.rank;
  }
  return version.post === undefined && version.dev !== undefined ? -1 : 3;
}

function compareLocalPart(a: LocalPart, b: LocalPart): number {
  if ('number' in a) {
    return 'number' in b ? compareDigits(a.number, b.number) : 1;
  }
  if ('number' in b) {
    return -1;
  }
  return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

/** No local part first; then part by part, numbers above words; then the longer one. */
function compareLocal(
  a: readonly LocalPart[] | undefined,
  b: readonly LocalPart[] | undefined
): number {
  if (a === undefined || b === undefined) {
    return a === b ? 0 : a === undefined ? -1 : 1;
  }
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a[i];
    const right = b[i];
    const result = left === undefined || right === undefined ? 0 : compareLocalPart(left, right);
    if (result !== 0) {
      return result;
    }
  }
  return Math.sign(a.length - b.length);
}

export function comparePep440(a: Pep440Version, b: Pep440Version): number {
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    Math.sign(preRank(a) - preRank(b)) ||
    compareDigits(a.pre?.number ?? '0', b.pre?.number ?? '0') ||
    // No post-release sorts first, no dev release last: 1.0.dev0 < 1.0 < 1.0.post0.dev0 < 1.0.post0.
    compareOptional(a.post, b.post, -1) ||
    compareOptional(a.dev, b.dev, 1) ||
    compareLocal(a.local, b.local)
  );
}

/** Legacy versions sort before PEP 440 ones, as setuptools' epoch of -1 put them. */
export function compareVersions(
  a: Pep440Version | LegacyVersion,
  b: Pep440Version | LegacyVersion
): number {
  if (a.kind === 'legacy' || b.kind === 'legacy') {
    if (a.kind === 'legacy' && b.kind === 'legacy') {
      return compareLegacy(a, b);
    }
    return a.kind === 'legacy' ? -1 : 1;
  }
  return comparePep440(a, b);
}
