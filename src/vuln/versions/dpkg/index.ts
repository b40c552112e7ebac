import { InvalidVersionError, type VersionScheme } from '../../version/types.js';
import { compareDpkgVersions } from './compare.js';
import { parseDpkgVersion } from './parse.js';

function isValid(version: string): boolean {
  try {
    parseDpkgVersion(version);
    return true;
  } catch (error) {
    if (error instanceof InvalidVersionError) {
      return false;
    }
    throw error;
  }
}

function compare(a: string, b: string): number {
  const left = parseDpkgVersion(a);
  // Identical text is the same version: one parse is enough to check it.
  return a === b ? 0 : compareDpkgVersions(left, parseDpkgVersion(b));
}

export const scheme: VersionScheme = {
  id: 'dpkg',
  description:
    'Debian package versions, [epoch:]upstream[-revision], ordered as dpkg --compare-versions orders them (Debian policy 5.6.12)',
  ecosystems: ['Debian', 'Ubuntu'],
  isValid,
  compare,
};
