import { parsedScheme } from '../../version/parsed-scheme.js';
import type { VersionScheme } from '../../version/types.js';
import { compareSemver } from '../semver/compare.js';
import { parseGoVersion } from './parse.js';

/** Go orders module versions by plain SemVer precedence, so the semver scheme's rule serves. */
export const scheme: VersionScheme = parsedScheme({
  id: 'go',
  description:
    'Go module versions (v1.2.3, pseudo-versions, +incompatible) and Go toolchain versions (go1.21.5, go1.22rc1), by SemVer precedence',
  ecosystems: ['Go'],
  parse: parseGoVersion,
  compareParsed: compareSemver,
});
