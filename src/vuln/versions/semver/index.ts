import { InvalidVersionError, type VersionScheme } from '../../version/types.js';
import { compareSemver } from './compare.js';
import { parseSemver } from './parse.js';

function isValid(version: string): boolean {
  try {
    parseSemver(version);
    return true;
  } catch (error) {
    if (error instanceof InvalidVersionError) {
      return false;
    }
    throw error;
  }
}

function compare(a: string, b: string): number {
  const left = parseSemver(a);
  // Identical text is the same version: one parse is enough to check it.
  return a === b ? 0 : compareSemver(left, parseSemver(b));
}

/**
 * Only ecosystems whose versions are SemVer and whose vectors we pass. Pub (its own
 * pre-release and build rules, pub-versions.txt) and GHC (Haskell's PVP) are not SemVer.
 */
export const scheme: VersionScheme = {
  id: 'semver',
  description:
    'Semantic Versioning 2.0.0 precedence, as npm orders versions: build metadata ignored, a leading v allowed',
  ecosystems: ['npm', 'crates.io', 'Hex', 'SwiftURL', 'Bitnami'],
  isValid,
  compare,
};
