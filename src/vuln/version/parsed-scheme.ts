import { InvalidVersionError, type VersionScheme } from './types.js';

export interface ParsedSchemeParts<Parsed> {
  id: string;
  description: string;
  ecosystems: readonly string[];
  /** Reads a version, throwing InvalidVersionError for one the scheme cannot read. */
  parse: (version: string) => Parsed;
  compareParsed: (a: Parsed, b: Parsed) => number;
}

/**
 * The common shape of a scheme that parses and then compares: `isValid` is "parses", and
 * identical text is the same version after one parse proves it readable.
 */
export function parsedScheme<Parsed>(parts: ParsedSchemeParts<Parsed>): VersionScheme {
  const { parse, compareParsed } = parts;
  return {
    id: parts.id,
    description: parts.description,
    ecosystems: parts.ecosystems,
    isValid(version) {
      try {
        parse(version);
        return true;
      } catch (error) {
        if (error instanceof InvalidVersionError) {
          return false;
        }
        throw error;
      }
    },
    compare(a, b) {
      const left = parse(a);
      return a === b ? 0 : compareParsed(left, parse(b));
    },
  };
}
