import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { toolVersion } from '../../core/version.js';
import {
  AdvisoryDb,
  advisorySources,
  buildAdvisoryDb,
  exportAdvisoryDb,
  importAdvisoryDb,
  type BuildInput,
  type BuildReport,
  type DbStatus,
} from '../../vuln/index.js';
import { writeReport } from '../output.js';
import { defaultCacheDir, type CliContext } from './scan-image.js';

const dayMs = 24 * 60 * 60 * 1000;

export function defaultDbPath(env: Record<string, string | undefined>): string {
  return join(defaultCacheDir(env), 'advisories.db');
}

function parseSources(specs: readonly string[]): BuildInput[] {
  if (specs.length === 0) {
    throw new UsageError(
      `name at least one source with --source ID=PATH_OR_URL; sources: ${[...advisorySources.keys()].join(', ')}`
    );
  }
  return specs.map((spec) => {
    const equals = spec.indexOf('=');
    const id = equals > 0 ? spec.slice(0, equals) : '';
    const location = spec.slice(equals + 1);
    const source = advisorySources.get(id);
    if (!source || location === '') {
      throw new UsageError(
        `--source must be ID=PATH_OR_URL with ID one of ${[...advisorySources.keys()].join(', ')}; got ${JSON.stringify(spec)}`
      );
    }
    return { source, location };
  });
}

function positiveNumber(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} must be a positive number, got ${JSON.stringify(text)}`);
  }
  return value;
}

function describeBuild(report: BuildReport): string {
  const lines = [
    `built ${report.path}: ${report.advisories} advisories, ${report.affectedRows} affected entries, ${report.knownExploited} known exploited CVEs`,
    ...report.sources.map(
      (source) =>
        `  ${source.id} ${source.location}: ${source.records} records, ${source.errors} problems`
    ),
  ];
  if (report.errorCount > 0) {
    lines.push(`${report.errorCount} records or entries were left out; the first of them:`);
    lines.push(
      ...report.firstErrors.map((error) => `  ${error.source} ${error.origin}: ${error.message}`)
    );
    lines.push('(all of them: palisade db status --errors)');
  }
  return `${lines.join('\n')}\n`;
}

function describeStatus(status: DbStatus, now: Date): string {
  const ageDays = (now.getTime() - Date.parse(status.builtAt)) / dayMs;
  return `${[
    `database    ${status.path}`,
    `built       ${status.builtAt} (${ageDays.toFixed(1)} days ago) by palisade ${status.toolVersion}`,
    `advisories  ${status.advisories} (${status.affectedRows} affected entries, ${status.importErrors} import problems)`,
    `exploited   ${status.knownExploited} CVEs known to be exploited${status.knownExploited === 0 ? ' (no kev source read)' : ''}`,
    'sources',
    ...status.sources.map(
      (source) =>
        `  ${source.id} ${source.location}: ${source.records} records, ${source.errors} problems, read ${source.readAt}`
    ),
    'ecosystems',
    ...status.ecosystems.map(
      (row) => `  ${row.ecosystem}${row.release ? ` ${row.release}` : ''}: ${row.rows}`
    ),
  ].join('\n')}\n`;
}

async function update(
  flags: { db?: string; source: string[]; timeout: string },
  context: CliContext
): Promise<void> {
  const inputs = parseSources(flags.source);
  const target = flags.db ?? defaultDbPath(context.env);
  const tempDir = await mkdtemp(join(tmpdir(), 'palisade-db-'));
  try {
    const report = await buildAdvisoryDb(target, inputs, {
      logger: context.logger,
      toolVersion,
      tempDir,
      timeoutMs: positiveNumber(flags.timeout, '--timeout') * 1000,
    });
    context.stderr.write(describeBuild(report));
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

async function status(
  flags: { db?: string; maxAge: string; format: string; errors?: boolean },
  context: CliContext
): Promise<void> {
  if (flags.format !== 'table' && flags.format !== 'json') {
    throw new UsageError(`--format must be table or json, got ${JSON.stringify(flags.format)}`);
  }
  const maxAgeDays = positiveNumber(flags.maxAge, '--max-age');
  const db = AdvisoryDb.open(flags.db ?? defaultDbPath(context.env));
  try {
    const now = new Date();
    const current = db.status();
    const errors = flags.errors ? db.importErrors(Number.MAX_SAFE_INTEGER) : [];
    const text =
      flags.format === 'json'
        ? `${JSON.stringify({ ...current, ...(flags.errors ? { errors } : {}) }, null, 2)}\n`
        : describeStatus(current, now) +
          errors.map((error) => `${error.source} ${error.origin}: ${error.message}\n`).join('');
    await writeReport(undefined, text, context.stdout);
    const ageDays = (now.getTime() - Date.parse(current.builtAt)) / dayMs;
    if (ageDays > maxAgeDays) {
      context.stderr.write(
        `palisade: warning: the advisory database is ${ageDays.toFixed(1)} days old, over --max-age ${maxAgeDays}; run palisade db update\n`
      );
    }
  } finally {
    db.close();
  }
}

export function registerDb(program: Command, context: CliContext): void {
  const db = program.command('db').description('the offline advisory database').exitOverride();
  const dbOption = '--db <file>';
  const dbHelp = 'advisory database file (default: $XDG_CACHE_HOME/palisade/advisories.db)';
  db.command('update')
    .description('build the advisory database from sources, replacing the old one only on success')
    .option(
      '-s, --source <id=location>',
      `a source and its path or URL, repeatable; sources: ${[...advisorySources.keys()].join(', ')}`,
      (value: string, previous: string[]) => [...previous, value],
      []
    )
    .option(dbOption, dbHelp)
    .option('--timeout <seconds>', 'timeout of each download', '300')
    .action((flags: { db?: string; source: string[]; timeout: string }) => update(flags, context));
  db.command('status')
    .description('what the database holds, where it came from, and how old it is')
    .option(dbOption, dbHelp)
    .option('--max-age <days>', 'warn when the database is older than this', '7')
    .option('-f, --format <format>', 'table or json', 'table')
    .option('--errors', 'also list every record the last update left out, and why')
    .action((flags: { db?: string; maxAge: string; format: string; errors?: boolean }) =>
      status(flags, context)
    );
  db.command('export')
    .description('copy the database to a file, for an air-gapped site')
    .argument('<file>', 'where to write it')
    .option(dbOption, dbHelp)
    .action((file: string, flags: { db?: string }) =>
      exportAdvisoryDb(flags.db ?? defaultDbPath(context.env), file)
    );
  db.command('import')
    .description('check a database file and make it the current one')
    .argument('<file>', 'an exported database')
    .option(dbOption, dbHelp)
    .action((file: string, flags: { db?: string }) =>
      importAdvisoryDb(file, flags.db ?? defaultDbPath(context.env))
    );
}
