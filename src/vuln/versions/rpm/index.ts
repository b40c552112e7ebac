import { InvalidVersionError, type VersionScheme } from '../../version/types.js';
import { compareRpmVersions } from './compare.js';
import { parseRpmVersion } from './parse.js';

function isValid(version: string): boolean {
  try {
    parseRpmVersion(version);
    return true;
  } catch (error) {
    if (error instanceof InvalidVersionError) {
      return false;
    }
    throw error;
  }
}

function compare(a: string, b: string): number {
  const left = parseRpmVersion(a);
  // Identical text is the same version: one parse is enough to check it.
  return a === b ? 0 : compareRpmVersions(left, parseRpmVersion(b));
}

export const scheme: VersionScheme = {
  id: 'rpm',
  description:
    'rpm package versions, [epoch:]version[-release], ordered by rpmvercmp as rpm 4.x does, with ~ and ^; a missing epoch is 0',
  ecosystems: [
    'Red Hat',
    'AlmaLinux',
    'Rocky Linux',
    'openSUSE',
    'SUSE',
    'openEuler',
    'Mageia',
    'Amazon Linux',
    'Oracle Linux',
  ],
  isValid,
  compare,
};
