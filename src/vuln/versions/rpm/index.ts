import { parsedScheme } from '../../version/parsed-scheme.js';
import type { VersionScheme } from '../../version/types.js';
import { compareRpmVersions } from './compare.js';
import { parseRpmVersion } from './parse.js';

export const scheme: VersionScheme = parsedScheme({
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
  parse: parseRpmVersion,
  compareParsed: compareRpmVersions,
});
