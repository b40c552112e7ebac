import type { OsInfo } from '../../../core/os.js';
import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { parseOsRelease } from './parse.js';
import { fromAlpineRelease, fromDebianVersion, fromRedhatRelease } from './release-files.js';

/**
 * Files that name the OS, best first. The scan picks the best one that survives the layer
 * merge, so a distroless image without os-release still gets Debian from debian_version.
 */
const osReleasePaths = [
  'etc/os-release',
  'usr/lib/os-release',
  'etc/system-release',
  'usr/lib/system-release',
  'etc/redhat-release',
  'etc/alpine-release',
  'etc/debian_version',
] as const;
type OsReleasePath = (typeof osReleasePaths)[number];

// A Map, not an object literal: a layer's file named `constructor` must not find Object's.
const readers = new Map<string, (text: string, source: string) => OsInfo | undefined>([
  ['etc/os-release', fromOsRelease],
  ['usr/lib/os-release', fromOsRelease],
  ['etc/system-release', fromRedhatRelease],
  ['usr/lib/system-release', fromRedhatRelease],
  ['etc/redhat-release', fromRedhatRelease],
  ['etc/alpine-release', fromAlpineRelease],
  ['etc/debian_version', fromDebianVersion],
]);

function fromOsRelease(text: string, source: string): OsInfo | undefined {
  const fields = parseOsRelease(text);
  const id = fields.get('ID')?.toLowerCase();
  if (!id) {
    return undefined;
  }
  const prettyName = fields.get('PRETTY_NAME');
  return {
    id,
    versionId: fields.get('VERSION_ID'),
    codename: fields.get('VERSION_CODENAME'),
    prettyName,
    idLike: (fields.get('ID_LIKE') ?? '').split(/\s+/).filter(Boolean),
    // Google's distroless images say so in PRETTY_NAME and carry no package manager.
    distroless: /distroless/i.test(prettyName ?? ''),
    source,
  };
}

function analyze(file: AnalyzerFile): AnalyzerResult {
  const read = readers.get(file.path);
  const info = read?.(file.content.toString('utf8'), file.path);
  return info ? { os: { info, rank: osReleasePaths.indexOf(file.path as OsReleasePath) } } : {};
}

export const analyzer: Analyzer = {
  id: 'os-release',
  version: 1,
  onUnreadable: 'stop',
  description: 'Identifies the distribution from os-release and the older release files',
  maxFileSize: 64 * 1024,
  wants: (path) => readers.has(path),
  analyze,
};
