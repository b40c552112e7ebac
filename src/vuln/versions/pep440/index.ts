import { InvalidVersionError, type VersionScheme } from '../../version/types.js';
import { compareVersions } from './compare.js';
import { legacyMalformation, parseLegacy, type LegacyVersion } from './legacy.js';
import { parsePep440, type Pep440Version } from './parse.js';

function parse(version: string): Pep440Version | LegacyVersion {
  const parsed = parsePep440(version);
  if (parsed !== undefined) {
    return parsed;
  }
  const reason = legacyMalformation(version);
  if (reason !== undefined) {
    throw new InvalidVersionError('pep440', version, reason);
  }
  return parseLegacy(version);
}

export const scheme: VersionScheme = {
  id: 'pep440',
  description: "PEP 440 as packaging's Version orders it, legacy versions before all others",
  ecosystems: ['PyPI'],
  isValid(version: string): boolean {
    return parsePep440(version) !== undefined || legacyMalformation(version) === undefined;
  },
  compare(a: string, b: string): number {
    return compareVersions(parse(a), parse(b));
  },
};
