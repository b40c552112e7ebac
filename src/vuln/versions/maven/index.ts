import { InvalidVersionError, type VersionScheme } from '../../version/types.js';
import { compareItems } from './compare.js';
import { malformation, parseMaven, type MavenList } from './parse.js';

function parse(version: string): MavenList {
  const reason = malformation(version);
  if (reason !== undefined) {
    throw new InvalidVersionError('maven', version, reason);
  }
  return parseMaven(version);
}

export const scheme: VersionScheme = {
  id: 'maven',
  description:
    "Maven's ComparableVersion (maven-artifact 3.9): qualifiers, sub-lists, null trimming",
  ecosystems: ['Maven'],
  isValid(version: string): boolean {
    return malformation(version) === undefined;
  },
  compare(a: string, b: string): number {
    return compareItems(parse(a), parse(b));
  },
};
