import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { KnownExploited } from '../../core/finding.js';
import type { Logger } from '../../core/logger.js';
import type { AdvisoryBrief } from '../match/types.js';
import type { OsvRecord } from '../osv/schema.js';
import type { AdvisorySource, SourceContext } from '../source/types.js';
import { displayLocation } from './location.js';
import { normaliseRecord } from './normalise.js';
import { advisoryDbDdl, advisoryDbFinish, advisoryDbSchemaVersion } from './schema.js';

export interface BuildInput {
  source: AdvisorySource;
  location: string;
}

export interface SourceSummary {
  id: string;
  location: string;
  records: number;
  errors: number;
}

export interface BuildReport {
  path: string;
  builtAt: string;
  sources: SourceSummary[];
  advisories: number;
  affectedRows: number;
  /** CVEs the known-exploited catalog named. */
  knownExploited: number;
  /** Every problem, counted; the first few kept for the report (all are in the database). */
  errorCount: number;
  firstErrors: { source: string; origin: string; message: string }[];
}

export interface BuildOptions {
  logger: Logger;
  toolVersion: string;
  tempDir: string;
  timeoutMs: number;
  signal?: AbortSignal;
  now?: () => Date;
}

const batchSize = 5000;
const keptErrors = 20;

/**
 * Builds the advisory database from sources into a new file beside the target and renames
 * it over the target only when every source was read: a failed update leaves the previous
 * database as it was, and a reader never sees half a database. Records stream through one at
 * a time; problems with single records are recorded and the import goes on.
 */
export async function buildAdvisoryDb(
  target: string,
  inputs: readonly BuildInput[],
  options: BuildOptions
): Promise<BuildReport> {
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(temp);
  try {
    const report = await fill(db, target, inputs, options);
    db.close();
    await rename(temp, target);
    return report;
  } catch (error) {
    if (db.open) {
      db.close();
    }
    await rm(temp, { force: true });
    throw error;
  }
}

async function fill(
  db: BetterSqlite3.Database,
  target: string,
  inputs: readonly BuildInput[],
  options: BuildOptions
): Promise<BuildReport> {
  // A temp file renamed into place on success needs no journal to be safe.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(advisoryDbDdl);
  const writer = new RowWriter(db);
  const report: BuildReport = {
    path: target,
    builtAt: (options.now?.() ?? new Date()).toISOString(),
    sources: [],
    advisories: 0,
    affectedRows: 0,
    knownExploited: 0,
    errorCount: 0,
    firstErrors: [],
  };
  const context: SourceContext = {
    logger: options.logger,
    tempDir: options.tempDir,
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  for (const { source, location } of inputs) {
    const summary: SourceSummary = {
      id: source.id,
      location: displayLocation(location),
      records: 0,
      errors: 0,
    };
    const fail = (origin: string, message: string): void => {
      summary.errors++;
      report.errorCount++;
      if (report.firstErrors.length < keptErrors) {
        report.firstErrors.push({ source: source.id, origin, message });
      }
      writer.error(source.id, origin, message);
    };
    for await (const item of source.read(location, context)) {
      if (item.kind === 'error') {
        fail(item.origin, item.message);
        continue;
      }
      summary.records++;
      if (item.kind === 'exploited') {
        writer.exploited(item.cveId, item.exploited);
        continue;
      }
      const problems = writer.record(source.id, item.record);
      for (const problem of problems) {
        fail(item.origin, `${item.record.id}: ${problem}`);
      }
    }
    writer.source(summary, report.builtAt);
    report.sources.push(summary);
    options.logger.info(
      { source: source.id, records: summary.records, errors: summary.errors },
      'source read'
    );
  }
  writer.flush();
  db.exec(advisoryDbFinish);
  const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  meta.run('schema_version', String(advisoryDbSchemaVersion));
  meta.run('built_at', report.builtAt);
  meta.run('tool_version', options.toolVersion);
  db.exec('ANALYZE');
  report.advisories = writer.advisories;
  report.affectedRows = writer.affectedRows;
  report.knownExploited = (
    db.prepare('SELECT count(*) AS n FROM known_exploited').get() as { n: number }
  ).n;
  return report;
}

/** The few fields a finding shows; at most ten references, the rest are one query away. */
function briefOf(record: OsvRecord): AdvisoryBrief {
  const brief: AdvisoryBrief = {
    aliases: record.aliases ?? [],
    references: (record.references ?? []).slice(0, 10).map((reference) => reference.url),
    cvss: [
      ...(record.severity ?? []),
      ...(record.affected ?? []).flatMap((affected) => affected.severity ?? []),
    ]
      .filter((severity) => severity.type.startsWith('CVSS_'))
      .map((severity) => severity.score),
  };
  if (record.summary) {
    brief.summary = record.summary;
  }
  return brief;
}

/** Prepared inserts, committed in batches: one transaction per row would be a hundred times slower. */
class RowWriter {
  advisories = 0;
  affectedRows = 0;
  readonly #db: BetterSqlite3.Database;
  readonly #insertAdvisory: BetterSqlite3.Statement;
  readonly #insertAffected: BetterSqlite3.Statement;
  readonly #insertError: BetterSqlite3.Statement;
  readonly #insertExploited: BetterSqlite3.Statement;
  readonly #insertSource: BetterSqlite3.Statement;
  readonly #deleteAdvisory: BetterSqlite3.Statement;
  readonly #deleteAffected: BetterSqlite3.Statement;
  /** id → modified, to keep the newest of a record two sources both carry. */
  readonly #seen = new Map<string, string>();
  #pending = 0;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    this.#insertAdvisory = db.prepare(
      'INSERT INTO advisories (id, source, modified, withdrawn, record) VALUES (?, ?, ?, ?, ?)'
    );
    this.#insertAffected = db.prepare(
      'INSERT INTO affected (ecosystem, release, package, advisory_id, entry, brief) VALUES (?, ?, ?, ?, ?, ?)'
    );
    this.#insertError = db.prepare(
      'INSERT INTO import_errors (source, origin, message) VALUES (?, ?, ?)'
    );
    // A catalog read twice (or two catalogs) names a CVE once: the later entry wins.
    this.#insertExploited = db.prepare(
      'INSERT OR REPLACE INTO known_exploited (cve_id, date_added, ransomware, due_date) VALUES (?, ?, ?, ?)'
    );
    this.#insertSource = db.prepare(
      'INSERT INTO sources (id, location, records, errors, read_at) VALUES (?, ?, ?, ?, ?)'
    );
    this.#deleteAdvisory = db.prepare('DELETE FROM advisories WHERE id = ?');
    this.#deleteAffected = db.prepare('DELETE FROM affected WHERE advisory_id = ?');
    db.exec('BEGIN');
  }

  /** Stores one record; returns the problems with entries that were left out. */
  record(source: string, record: OsvRecord): string[] {
    const previous = this.#seen.get(record.id);
    if (previous !== undefined) {
      if (previous >= record.modified) {
        return [];
      }
      this.#deleteAdvisory.run(record.id);
      this.#deleteAffected.run(record.id);
      this.advisories--;
    }
    this.#seen.set(record.id, record.modified);
    const { affected, ...rest } = record;
    this.#insertAdvisory.run(
      record.id,
      source,
      record.modified,
      record.withdrawn ?? null,
      JSON.stringify(rest)
    );
    this.advisories++;
    // A withdrawn advisory is kept for the record but can never match.
    const { rows, problems } = record.withdrawn
      ? { rows: [], problems: [] }
      : normaliseRecord({ ...rest, affected: affected ?? [] });
    const brief = JSON.stringify(briefOf(record));
    for (const row of rows) {
      this.#insertAffected.run(
        row.ecosystem,
        row.release,
        row.package,
        record.id,
        JSON.stringify(row.entry),
        brief
      );
      this.affectedRows++;
    }
    this.#tick();
    return problems;
  }

  exploited(cveId: string, exploited: KnownExploited): void {
    this.#insertExploited.run(
      cveId,
      exploited.dateAdded,
      exploited.ransomware ? 1 : 0,
      exploited.dueDate ?? null
    );
    this.#tick();
  }

  error(source: string, origin: string, message: string): void {
    this.#insertError.run(source, origin, message);
    this.#tick();
  }

  source(summary: SourceSummary, readAt: string): void {
    this.#insertSource.run(summary.id, summary.location, summary.records, summary.errors, readAt);
  }

  flush(): void {
    this.#db.exec('COMMIT');
  }

  #tick(): void {
    if (++this.#pending >= batchSize) {
      this.#db.exec('COMMIT');
      this.#db.exec('BEGIN');
      this.#pending = 0;
    }
  }
}
