import { InvalidVersionError, type VersionScheme } from '../../version/types.js';
import { compareSegments } from './compare.js';
import { malformation, parseGem, trimVersion, type GemSegment } from './parse.js';

function parse(version: string): GemSegment[] {
  const text = trimVersion(version);
  const reason = malformation(text);
  if (reason !== undefined) {
    throw new InvalidVersionError('rubygems', version, reason);
  }
  return parseGem(text);
}

export const scheme: VersionScheme = {
  id: 'rubygems',
  description: "RubyGems' Gem::Version: numeric and letter segments, a letter makes a prerelease",
  ecosystems: ['RubyGems'],
  isValid(version: string): boolean {
    return malformation(trimVersion(version)) === undefined;
  },
  compare(a: string, b: string): number {
    return compareSegments(parse(a), parse(b));
  },
};
