import { parsedScheme } from '../../version/parsed-scheme.js';
import type { VersionScheme } from '../../version/types.js';
import { compareSemver } from './compare.js';
import { parseSemver } from './parse.js';

export const scheme: VersionScheme = parsedScheme({
  id: 'semver',
  description:
    'Semantic Versioning 2.0.0 precedence, as npm orders versions: build metadata ignored, a leading v allowed',
  ecosystems: ['npm', 'crates.io', 'Hex', 'SwiftURL', 'Bitnami'],
  parse: parseSemver,
  compareParsed: compareSemver,
});
