import { InvalidVersionError, type VersionScheme } from '../../version/types.js';
import { compareNuGet } from './compare.js';
import { parseNuGet, type NuGetParsed } from './parse.js';

function parse(version: string): NuGetParsed {
  const parsed = parseNuGet(version);
  if (typeof parsed === 'string') {
    throw new InvalidVersionError('nuget', version, parsed);
  }
  return parsed;
}

export const scheme: VersionScheme = {
  id: 'nuget',
  description: 'NuGet versions: SemVer 2.0 with up to four numbers, labels ignoring case',
  ecosystems: ['NuGet'],
  isValid(version: string): boolean {
    return typeof parseNuGet(version) !== 'string';
  },
  compare(a: string, b: string): number {
    return compareNuGet(parse(a), parse(b));
  },
};
