import type { PackageRecord } from '../../../core/package.js';
import { ownedPaths } from '../../analyzer/owned-paths.js';
import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';

/**
 * Reads apk's installed database: stanzas of `X:value` lines separated by blank lines.
 * P name, V version, A arch, o origin (the aport, which secdb is keyed by), L licence,
 * m maintainer. An origin shares its subpackages' version, so the source version is V.
 */
function toRecord(fields: Map<string, string>): PackageRecord | undefined {
  const name = fields.get('P');
  const version = fields.get('V');
  if (!name || !version) {
    return undefined;
  }
  const record: PackageRecord = {
    type: 'apk',
    name,
    version,
    source: { name: fields.get('o') ?? name, version },
    licenses: fields.get('L') ? [fields.get('L') ?? ''] : [],
  };
  const arch = fields.get('A');
  if (arch) {
    record.arch = arch;
  }
  const maintainer = fields.get('m');
  if (maintainer) {
    record.maintainer = maintainer;
  }
  return record;
}

function analyze(file: AnalyzerFile): AnalyzerResult {
  const packages: PackageRecord[] = [];
  const ownedFiles: string[] = [];
  // `F:` names a directory; each `R:` after it, a file in it.
  let directory = '';
  let fields = new Map<string, string>();
  const flush = (): void => {
    const record = toRecord(fields);
    if (record) {
      packages.push(record);
    }
    fields = new Map();
  };
  for (const line of file.content.toString('utf8').split('\n')) {
    if (line.trim() === '') {
      flush();
      directory = '';
      continue;
    }
    if (line.startsWith('F:')) {
      directory = line.slice(2);
    } else if (line.startsWith('R:')) {
      ownedFiles.push(directory === '' ? line.slice(2) : `${directory}/${line.slice(2)}`);
    }
    // The first value of a key wins: later `R:`/`Z:` lines repeat per file, not per package.
    if (line[1] === ':' && !fields.has(line[0] ?? '')) {
      fields.set(line[0] ?? '', line.slice(2));
    }
  }
  flush();
  return { packages, ownedFiles: ownedPaths(ownedFiles) };
}

export const analyzer: Analyzer = {
  id: 'apk',
  version: 2,
  onUnreadable: 'stop',
  description: 'Alpine, Wolfi and Chainguard packages from lib/apk/db/installed',
  maxFileSize: 128 * 1024 * 1024,
  wants: (path) => path === 'lib/apk/db/installed' || path === 'usr/lib/apk/db/installed',
  analyze,
};
