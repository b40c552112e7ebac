import { InputError } from '../../../core/errors.js';
import type { PackageRecord } from '../../../core/package.js';
import type { Analyzer, AnalyzerFile, AnalyzerResult } from '../../analyzer/types.js';
import { isBerkeleyDbHash, readBerkeleyDb } from './bdb.js';
import type { HeaderBlob } from './db-blob.js';
import { readHeader } from './header.js';
import { ownedPaths } from '../../analyzer/owned-paths.js';
import { isNdb, readNdb } from './ndb.js';
import { toPackageRecord } from './record.js';
import { isSqlite, readSqlite } from './sqlite.js';

/** Where rpm keeps its database: the classic path, the rpm 4.16+ path, and the fallback. */
const DIRECTORIES = ['var/lib/rpm', 'usr/lib/sysimage/rpm', 'usr/share/rpm'];

interface Format {
  /** How messages name the format. */
  label: string;
  matches: (content: Buffer) => boolean;
  read: (content: Buffer, path: string) => HeaderBlob[];
}

/** The file name says which backend wrote the database; the magic must agree. */
const FORMATS = new Map<string, Format>([
  [
    'Packages',
    { label: 'a Berkeley DB hash database', matches: isBerkeleyDbHash, read: readBerkeleyDb },
  ],
  ['Packages.db', { label: 'an ndb database', matches: isNdb, read: readNdb }],
  ['rpmdb.sqlite', { label: 'an SQLite database', matches: isSqlite, read: readSqlite }],
]);

const WANTED = new Set(
  DIRECTORIES.flatMap((directory) => [...FORMATS.keys()].map((name) => `${directory}/${name}`))
);

function wants(path: string): boolean {
  return WANTED.has(path);
}

function analyze(file: AnalyzerFile): AnalyzerResult {
  const { path, content } = file;
  const format = FORMATS.get(path.slice(path.lastIndexOf('/') + 1));
  if (format === undefined || !WANTED.has(path)) {
    throw new InputError(`${path}: not an rpm database path`);
  }
  // rpm creates an empty file for a database it has not written yet.
  if (content.length === 0) {
    return { packages: [], notes: [`${path}: empty rpm database file, no packages`] };
  }
  if (!format.matches(content)) {
    const actual = [...FORMATS.values()].find((candidate) => candidate.matches(content));
    throw new InputError(
      `${path}: expected ${format.label}, found ${actual?.label ?? 'no known database magic'}`
    );
  }
  const blobs = format.read(content, path).sort((a, b) => a.key - b.key);
  const packages: PackageRecord[] = [];
  const notes: string[] = [];
  const ownedFiles: string[] = [];
  for (const { key, blob } of blobs) {
    const where = `${path}: package ${key}`;
    const header = readHeader(blob, where);
    const { record, note } = toPackageRecord(header, where);
    if (record !== undefined) {
      packages.push(record);
      ownedFiles.push(...ownedPaths(header.files));
    }
    if (note !== undefined) {
      notes.push(note);
    }
  }
  return notes.length > 0 ? { packages, notes, ownedFiles } : { packages, ownedFiles };
}

export const analyzer: Analyzer = {
  id: 'rpm',
  version: 2,
  onUnreadable: 'stop',
  description:
    'rpm package databases: Berkeley DB Packages, ndb Packages.db and rpmdb.sqlite, read without rpm',
  maxFileSize: 512 * 1024 * 1024,
  wants,
  analyze,
};
