import { InvalidVersionError, type VersionScheme } from '../../version/types.js';
import { normalizeComposer } from './normalize.js';
import { comparePhp, parsePhpVersion, type PhpVersion } from './php-compare.js';

function parse(version: string): PhpVersion {
  const normalized = normalizeComposer(version);
  if ('error' in normalized) {
    throw new InvalidVersionError('composer', version, normalized.error);
  }
  return parsePhpVersion(normalized.version);
}

export const scheme: VersionScheme = {
  id: 'composer',
  description: "Composer's order: its version normalization, then PHP's version_compare",
  ecosystems: ['Packagist'],
  isValid(version: string): boolean {
    return !('error' in normalizeComposer(version));
  },
  compare(a: string, b: string): number {
    return comparePhp(parse(a), parse(b));
  },
};
