import type { PackageRecord } from '../../../core/package.js';
import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { ownedPaths } from '../../analyzer/owned-paths.js';
import { parseStanzas } from './control.js';

/**
 * dpkg states whose files are on disk. `config-files` (removed, conffiles left) and
 * `not-installed` have no binaries to be vulnerable, so they are not inventory.
 */
const presentStates = new Set([
  'installed',
  'half-installed',
  'unpacked',
  'half-configured',
  'triggers-awaited',
  'triggers-pending',
]);

function isStatusPath(path: string): boolean {
  return path === 'var/lib/dpkg/status';
}

/** Distroless images keep one stanza file per package under status.d (with md5sums beside). */
function isStatusDirPath(path: string): boolean {
  return (
    path.startsWith('var/lib/dpkg/status.d/') &&
    !path.endsWith('.md5sums') &&
    path.indexOf('/', 'var/lib/dpkg/status.d/'.length) === -1
  );
}

const infoDir = 'var/lib/dpkg/info/';
const statusDir = 'var/lib/dpkg/status.d/';

/** `info/<package>.list`: every path the package installed, one absolute path a line. */
function isFileListPath(path: string): boolean {
  return path.startsWith(infoDir) && path.endsWith('.list') && !path.includes('/', infoDir.length);
}

/** Distroless keeps no `.list`; its `status.d/<package>.md5sums` names the package's files. */
function isMd5sumsPath(path: string): boolean {
  return (
    path.startsWith(statusDir) && path.endsWith('.md5sums') && !path.includes('/', statusDir.length)
  );
}

/** `d41d8cd98f00b204e9800998ecf8427e  usr/share/doc/x/copyright` → the path. */
function md5sumsPaths(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const match = /^[0-9a-f]{32} [ *]?(.+)$/.exec(line);
    return match?.[1] ? [match[1]] : [];
  });
}

function toRecord(fields: Map<string, string>): PackageRecord | undefined {
  const name = fields.get('Package');
  const version = fields.get('Version');
  if (!name || !version) {
    return undefined;
  }
  const status = fields.get('Status');
  // Status is `want flag state`; distroless stanzas may omit it and are installed by definition.
  if (status !== undefined && !presentStates.has(status.split(/\s+/)[2] ?? '')) {
    return undefined;
  }
  const source = /^(?<name>\S+)(?:\s+\((?<version>[^)]+)\))?$/.exec(fields.get('Source') ?? '');
  const record: PackageRecord = {
    type: 'deb',
    name,
    version,
    source: {
      name: source?.groups?.['name'] ?? name,
      version: source?.groups?.['version'] ?? version,
    },
    licenses: [],
  };
  const arch = fields.get('Architecture');
  if (arch) {
    record.arch = arch;
  }
  const maintainer = fields.get('Maintainer');
  if (maintainer) {
    record.maintainer = maintainer;
  }
  return record;
}

function analyze(file: AnalyzerFile): AnalyzerResult {
  if (isFileListPath(file.path)) {
    return { ownedFiles: ownedPaths(file.content.toString('utf8').split('\n')) };
  }
  if (isMd5sumsPath(file.path)) {
    return { ownedFiles: ownedPaths(md5sumsPaths(file.content.toString('utf8'))) };
  }
  const packages: PackageRecord[] = [];
  for (const stanza of parseStanzas(file.content.toString('utf8'))) {
    const record = toRecord(stanza);
    if (record) {
      packages.push(record);
    }
  }
  return { packages };
}

export const analyzer: Analyzer = {
  id: 'dpkg',
  version: 2,
  onUnreadable: 'stop',
  description:
    'Debian packages from var/lib/dpkg/status and distroless var/lib/dpkg/status.d/*, with the files each installed',
  maxFileSize: 128 * 1024 * 1024,
  wants: (path) =>
    isStatusPath(path) || isStatusDirPath(path) || isFileListPath(path) || isMd5sumsPath(path),
  analyze,
};
