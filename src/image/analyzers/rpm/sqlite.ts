import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { InputError } from '../../../core/errors.js';
import type { HeaderBlob } from './db-blob.js';
import { MAX_HEADER_BYTES, MAX_PACKAGES, corrupt } from './db-blob.js';

/**
 * Reads `rpmdb.sqlite` (rpm 4.16 and later: Fedora, RHEL 9, Amazon Linux 2023): table
 * Packages(hnum, blob), one header blob a row. The database is opened from memory, never
 * from a temporary file, and read only.
 */

const MAGIC = 'SQLite format 3\0';
/** Header bytes 18 and 19: the file format versions, 2 in WAL mode, 1 in rollback mode. */
const WRITE_VERSION_OFFSET = 18;
const READ_VERSION_OFFSET = 19;
const ROLLBACK_MODE = 1;
const MAX_KEY = 0xffffffff;

/** Loaded on first use: most images have no rpm database, and the native module costs start-up. */
function loadSqlite(): typeof Database {
  return createRequire(import.meta.url)('better-sqlite3') as typeof Database;
}

export function isSqlite(content: Buffer): boolean {
  return content.length >= 16 && content.toString('latin1', 0, 16) === MAGIC;
}

export function readSqlite(content: Buffer, path: string): HeaderBlob[] {
  const fail = (detail: string): InputError => corrupt(path, 'SQLite database', detail);
  if (!isSqlite(content)) {
    throw fail(`no '${MAGIC.slice(0, -1)}' magic at offset 0`);
  }
  let db: Database.Database | undefined;
  try {
    db = new (loadSqlite())(rollbackModeCopy(content), { readonly: true });
    // The schema is part of the hostile input: never let it run functions it names.
    db.pragma('trusted_schema = OFF');
    checkPackagesTable(db, fail);
    return readRows(db, fail);
  } catch (error) {
    if (error instanceof InputError) {
      throw error;
    }
    throw new InputError(
      `${path}: corrupt SQLite database: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error }
    );
  } finally {
    db?.close();
  }
}

/**
 * rpm leaves its database in WAL mode, and SQLite cannot open a WAL-mode image from memory
 * ("unable to open database file"). Marking the copy as rollback mode reads the same pages;
 * what still sat in the -wal file beside it is out of reach either way.
 */
function rollbackModeCopy(content: Buffer): Buffer {
  if (
    content[WRITE_VERSION_OFFSET] === ROLLBACK_MODE &&
    content[READ_VERSION_OFFSET] === ROLLBACK_MODE
  ) {
    return content;
  }
  const copy = Buffer.from(content);
  copy[WRITE_VERSION_OFFSET] = ROLLBACK_MODE;
  copy[READ_VERSION_OFFSET] = ROLLBACK_MODE;
  return copy;
}

/** A view or virtual table named Packages could run anything; only a plain table will do. */
function checkPackagesTable(db: Database.Database, fail: (detail: string) => InputError): void {
  const row: unknown = db
    .prepare("SELECT type, sql FROM sqlite_master WHERE name = 'Packages'")
    .get();
  const type = isRecord(row) ? row.type : undefined;
  const sql = isRecord(row) ? row.sql : undefined;
  if (type !== 'table' || typeof sql !== 'string' || !/^CREATE\s+TABLE\b/i.test(sql)) {
    throw fail('no Packages table');
  }
}

function readRows(db: Database.Database, fail: (detail: string) => InputError): HeaderBlob[] {
  const statement = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').safeIntegers(true);
  const blobs: HeaderBlob[] = [];
  for (const row of statement.iterate()) {
    if (!isRecord(row)) {
      throw fail('unreadable row in Packages');
    }
    const { hnum, blob } = row;
    if (typeof hnum !== 'bigint' || hnum < 0n || hnum > BigInt(MAX_KEY)) {
      throw fail(`Packages row has hnum ${String(hnum)}, not a package number`);
    }
    if (!Buffer.isBuffer(blob)) {
      throw fail(`Packages row ${hnum} has no header blob`);
    }
    if (blob.length > MAX_HEADER_BYTES) {
      throw fail(`Packages row ${hnum} holds a ${blob.length}-byte header, more than rpm allows`);
    }
    if (blobs.length >= MAX_PACKAGES) {
      throw fail(`more than ${MAX_PACKAGES} packages`);
    }
    blobs.push({ key: Number(hnum), blob });
  }
  return blobs;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
