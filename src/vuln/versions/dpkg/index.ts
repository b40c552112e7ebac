import { parsedScheme } from '../../version/parsed-scheme.js';
import type { VersionScheme } from '../../version/types.js';
import { compareDpkgVersions } from './compare.js';
import { parseDpkgVersion } from './parse.js';

export const scheme: VersionScheme = parsedScheme({
  id: 'dpkg',
  description:
    'Debian package versions, [epoch:]upstream[-revision], ordered as dpkg --compare-versions orders them (Debian policy 5.6.12)',
  ecosystems: ['Debian', 'Ubuntu'],
  parse: parseDpkgVersion,
  compareParsed: compareDpkgVersions,
});
