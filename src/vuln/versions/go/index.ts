import { InvalidVersionError, type VersionScheme } from '../../version/types.js';
import { compareSemver } from '../semver/compare.js';
import { parseGoVersion } from './parse.js';

function isValid(version: string): boolean {
  try {
    parseGoVersion(version);
    return true;
  } catch (error) {
    if (error instanceof InvalidVersionError) {
      return false;
    }
    throw error;
  }
}

/** Go orders module versions by plain SemVer precedence, so the semver scheme's rule serves. */
function compare(a: string, b: string): number {
  const left = parseGoVersion(a);
  // Identical text is the same version: one parse is enough to check it.
  return a === b ? 0 : compareSemver(left, parseGoVersion(b));
}

export const scheme: VersionScheme = {
  id: 'go',
  description:
    'Go module versions (v1.2.3, pseudo-versions, +incompatible) and Go toolchain versions (go1.21.5, go1.22rc1), by SemVer precedence',
  ecosystems: ['Go'],
  isValid,
  compare,
};
