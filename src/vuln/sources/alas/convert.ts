import type { z } from 'zod';
import { OsvRecord } from '../../osv/schema.js';
import type { SourceItem } from '../../source/types.js';
import { isoDate } from './dates.js';
import { affectedPackages, quote } from './packages.js';
import type { RawReference, RawUpdate } from './raw-update.js';
import { releaseOfId } from './release.js';

export type Conversion =
  | { kind: 'items'; items: SourceItem[] }
  /** Not an advisory to import (a bug fix, a pending update); said why, for the debug log. */
  | { kind: 'skipped'; reason: string };

/**
 * Released updates. Amazon writes `final`; `stable` is what other yum repositories write for
 * the same thing. An update without a status is taken as released: a sloppy feed, not a
 * pending fix.
 */
const releasedStatuses: ReadonlySet<string> = new Set(['final', 'stable']);

const severities: ReadonlySet<string> = new Set(['critical', 'important', 'medium', 'low']);

const cvePattern = /CVE-\d{4}-\d{4,}/;

/**
 * One `<update>` as items: a security update becomes one OSV record (ecosystem
 * `Amazon Linux:<release>`), preceded by an error item for each package that could not be
 * read; an update that cannot become a record at all is one error item. Other types of
 * update are skipped.
 */
export function convertUpdate(update: RawUpdate, file: string): Conversion {
  if (update.type !== 'security') {
    return { kind: 'skipped', reason: 'not a security update' };
  }
  if (update.status !== undefined && !releasedStatuses.has(update.status)) {
    return { kind: 'skipped', reason: 'not released (its status is not final)' };
  }
  const id = update.id ?? '';
  const release = releaseOfId(id);
  const origin = release ? `${file}:${id}` : `${file}:update ${update.index}`;
  const error = (message: string): Conversion => ({
    kind: 'items',
    items: [{ kind: 'error', origin, message }],
  });
  if (update.problem !== undefined) {
    return error(update.problem);
  }
  if (!release) {
    return error(
      id === ''
        ? 'the update has no <id>'
        : `the id ${quote(id)} is not an ALAS id, so its Amazon Linux release is unknown`
    );
  }
  const issued = update.issued === undefined ? undefined : isoDate(update.issued);
  const updated = update.updated === undefined ? undefined : isoDate(update.updated);
  if (issued === undefined && update.issued !== undefined) {
    return error(`its <issued> date ${quote(update.issued)} is not a date`);
  }
  if (updated === undefined && update.updated !== undefined) {
    return error(`its <updated> date ${quote(update.updated)} is not a date`);
  }
  const modified = updated ?? issued;
  if (modified === undefined) {
    return error('it has neither an <issued> nor an <updated> date');
  }
  const ecosystem = `Amazon Linux:${release.release}`;
  const { affected, problems } = affectedPackages(update.packages, ecosystem);
  const items: SourceItem[] = problems.map((message) => ({ kind: 'error', origin, message }));
  if (affected.length === 0) {
    if (problems.length === 0) {
      items.push({ kind: 'error', origin, message: 'it lists no binary package' });
    }
    return { kind: 'items', items };
  }
  const severity = update.severity?.toLowerCase();
  const specific = {
    ...(severity !== undefined && severities.has(severity) ? { severity } : {}),
    ...(release.extra !== undefined ? { extra: release.extra } : {}),
  };
  const aliases = cveIds(update.references);
  const references = webReferences(update.references);
  const parsed = OsvRecord.safeParse({
    id,
    modified,
    ...(issued !== undefined ? { published: issued } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(update.title ? { summary: update.title } : {}),
    ...(update.description ? { details: update.description } : {}),
    affected,
    ...(references.length > 0 ? { references } : {}),
    ...(Object.keys(specific).length > 0 ? { database_specific: specific } : {}),
  });
  // Everything above is built to fit the schema; checking still keeps a mistake here from
  // reaching the database as a record.
  items.push(
    parsed.success
      ? { kind: 'record', origin, record: parsed.data }
      : { kind: 'error', origin, message: `not a valid OSV record: ${issues(parsed.error)}` }
  );
  return { kind: 'items', items };
}

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** The CVE ids of `type="cve"` references, from the id or else the link, each once. */
function cveIds(references: readonly RawReference[]): string[] {
  const ids = new Set<string>();
  for (const reference of references) {
    if (reference.type !== 'cve') {
      continue;
    }
    const found = cvePattern.exec(reference.id ?? '') ?? cvePattern.exec(reference.href ?? '');
    if (found) {
      ids.add(found[0]);
    }
  }
  return [...ids];
}

/** Links to keep with the record: only http(s) ones, each once. */
function webReferences(references: readonly RawReference[]): { type: string; url: string }[] {
  const byUrl = new Map<string, string>();
  for (const { href, type } of references) {
    if (href !== undefined && /^https?:\/\//i.test(href) && !byUrl.has(href)) {
      byUrl.set(href, type === 'cve' ? 'ADVISORY' : 'WEB');
    }
  }
  return [...byUrl].map(([url, type]) => ({ type, url }));
}
