import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { InputError, NotFoundError } from '../../core/errors.js';
import type { KnownExploited } from '../../core/finding.js';
import type { AdvisoryBrief, AdvisoryLookup, AffectedHit } from '../match/types.js';
import type { OsvRecord } from '../osv/schema.js';
import type { StoredAffected } from '../osv/schema.js';
import { normalisePackageName } from './ecosystem.js';
import { advisoryDbSchemaVersion } from './schema.js';

export interface DbStatus {
  path: string;
  schemaVersion: number;
  builtAt: string;
  toolVersion: string;
  advisories: number;
  affectedRows: number;
  importErrors: number;
  /** CVEs known to be exploited (from the `kev` source); 0 when no catalog was read. */
  knownExploited: number;
  sources: { id: string; location: string; records: number; errors: number; readAt: string }[];
  ecosystems: { ecosystem: string; release: string; rows: number }[];
}

/** The advisory database, opened read-only. */
export class AdvisoryDb implements AdvisoryLookup {
  readonly path: string;
  readonly #db: BetterSqlite3.Database;
  #affected: BetterSqlite3.Statement | undefined;
  #advisory: BetterSqlite3.Statement | undefined;
  #exploited: BetterSqlite3.Statement | undefined;

  private constructor(path: string, db: BetterSqlite3.Database) {
    this.path = path;
    this.#db = db;
  }

  /** Opens a database `palisade db update` built; says how to build one when there is none. */
  static open(path: string): AdvisoryDb {
    if (!existsSync(path)) {
      throw new NotFoundError(
        `no advisory database at ${path}; build one with: palisade db update --source osv=PATH_OR_URL (or import one with palisade db import FILE)`
      );
    }
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
    let db: BetterSqlite3.Database | undefined;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true });
      const version = (
        db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
          { value?: string } | undefined
      )?.value;
      if (version !== String(advisoryDbSchemaVersion)) {
        throw new InputError(
          `${path}: advisory database schema ${version ?? 'unknown'}, this palisade reads schema ${advisoryDbSchemaVersion}; rebuild it with palisade db update`
        );
      }
      return new AdvisoryDb(path, db);
    } catch (error) {
      db?.close();
      if (error instanceof InputError) {
        throw error;
      }
      throw new InputError(`${path}: not an advisory database (${(error as Error).message})`, {
        cause: error,
      });
    }
  }

  /** When the database was built and from which sources: what a scan report names. */
  provenance(): { builtAt: string; sources: string[] } {
    const builtAt = (
      this.#db.prepare("SELECT value FROM meta WHERE key = 'built_at'").get() as
        { value: string } | undefined
    )?.value;
    const sources = (
      this.#db.prepare('SELECT id, location FROM sources ORDER BY rowid').all() as {
        id: string;
        location: string;
      }[]
    ).map((source) => `${source.id} ${source.location}`);
    return { builtAt: builtAt ?? '', sources };
  }

  status(): DbStatus {
    const meta = new Map(
      (
        this.#db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]
      ).map(({ key, value }) => [key, value])
    );
    const count = (sql: string): number => (this.#db.prepare(sql).get() as { n: number }).n;
    return {
      path: this.path,
      schemaVersion: Number(meta.get('schema_version')),
      builtAt: meta.get('built_at') ?? '',
      toolVersion: meta.get('tool_version') ?? '',
      advisories: count('SELECT count(*) AS n FROM advisories'),
      affectedRows: count('SELECT coalesce(sum(entries), 0) AS n FROM lookup'),
      importErrors: count('SELECT count(*) AS n FROM import_errors'),
      knownExploited: count('SELECT count(*) AS n FROM known_exploited'),
      sources: (
        this.#db
          .prepare('SELECT id, location, records, errors, read_at FROM sources ORDER BY rowid')
          .all() as {
          id: string;
          location: string;
          records: number;
          errors: number;
          read_at: string;
        }[]
      ).map(({ read_at, ...rest }) => ({ ...rest, readAt: read_at })),
      ecosystems: this.#db
        .prepare(
          'SELECT ecosystem, release, sum(entries) AS rows FROM lookup GROUP BY ecosystem, release ORDER BY ecosystem, release'
        )
        .all() as DbStatus['ecosystems'],
    };
  }

  /**
   * The affected entries stored for a package of one ecosystem release (`Debian`, `12`,
   * `openssl`), each with its advisory's brief, from the rows the build laid side by side.
   */
  affectedEntries(ecosystem: string, release: string, name: string): AffectedHit[] {
    this.#affected ??= this.#db
      .prepare('SELECT hits FROM lookup WHERE ecosystem = ? AND release = ? AND package = ?')
      .pluck(true);
    const text = this.#affected.get(ecosystem, release, normalisePackageName(ecosystem, name)) as
      string | undefined;
    if (text === undefined) {
      return [];
    }
    // Most entries do not affect the installed version; their brief is never needed, so it is
    // parsed only when a finding asks for it.
    return (JSON.parse(text) as [string, StoredAffected, string][]).map(
      ([advisoryId, entry, raw]) => {
        let brief: AdvisoryBrief | undefined;
        return {
          advisoryId,
          entry,
          get advisory(): AdvisoryBrief {
            brief ??= JSON.parse(raw) as AdvisoryBrief;
            return brief;
          },
        };
      }
    );
  }

  /** An advisory's description, aliases and references (everything but `affected`). */
  advisory(id: string): Omit<OsvRecord, 'affected'> | undefined {
    this.#advisory ??= this.#db.prepare('SELECT record FROM advisories WHERE id = ?');
    const row = this.#advisory.get(id) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as Omit<OsvRecord, 'affected'>) : undefined;
  }

  /** What the known-exploited catalog says of a CVE, when it lists it. */
  knownExploited(cveId: string): KnownExploited | undefined {
    this.#exploited ??= this.#db.prepare(
      'SELECT date_added, ransomware, due_date FROM known_exploited WHERE cve_id = ?'
    );
    const row = this.#exploited.get(cveId) as
      { date_added: string; ransomware: number; due_date: string | null } | undefined;
    return row === undefined
      ? undefined
      : {
          dateAdded: row.date_added,
          ransomware: row.ransomware === 1,
          ...(row.due_date !== null ? { dueDate: row.due_date } : {}),
        };
  }

  /** SQLite's own consistency check of every page; throws when the file is damaged. */
  verify(): void {
    const rows = this.#db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok');
    if (problems.length > 0) {
      throw new InputError(
        `${this.path}: the advisory database is damaged: ${problems.slice(0, 3).join('; ')}`
      );
    }
  }

  /** Import problems, in the order they were met. */
  importErrors(limit: number): { source: string; origin: string; message: string }[] {
    return this.#db
      .prepare('SELECT source, origin, message FROM import_errors ORDER BY rowid LIMIT ?')
      .all(limit) as { source: string; origin: string; message: string }[];
  }

  close(): void {
    this.#db.close();
  }
}
