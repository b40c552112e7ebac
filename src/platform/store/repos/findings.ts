import { randomUUID } from 'node:crypto';
import { severityOrder, type KnownExploited, type Severity } from '../../../core/finding.js';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { isForeignKeyViolation } from '../db-errors.js';
import type { FindingsTable } from '../schema.js';
import type { Page } from './alerts.js';
import type { RepoContext } from './context.js';
import { cursorAfter, pageLimit, pageOf } from './keyset.js';
import { oneOf, requiredText } from './validate.js';

export const findingStates = ['open', 'fixed'] as const;
export type FindingState = (typeof findingStates)[number];

/** One vulnerability in one package of one image, with when it came and went. */
export interface StoredFinding {
  id: string;
  imageId: string;
  vulnerabilityId: string;
  package: { purl: string; name: string; version: string };
  severity: Severity;
  fixedVersion?: string;
  title?: string;
  /** When CISA's known-exploited catalog lists the vulnerability. */
  knownExploited?: StoredExploited;
  /** `fixed` once a later scan or re-match no longer found it. */
  state: FindingState;
  firstSeen: string;
  fixedAt?: string;
}

/** What the store keeps of the catalog's word: the day it was listed, ransomware use. */
export type StoredExploited = Pick<KnownExploited, 'dateAdded' | 'ransomware'>;

export interface NewFinding {
  vulnerabilityId: string;
  packagePurl: string;
  packageName: string;
  packageVersion: string;
  severity: Severity;
  fixedVersion?: string;
  title?: string;
  knownExploited?: StoredExploited;
}

export const findingSorts = ['severity', 'firstSeen'] as const;
export type FindingSort = (typeof findingSorts)[number];

export interface FindingQuery {
  imageId?: string;
  severity?: Severity;
  state?: FindingState;
  vulnerabilityId?: string;
  /** true: only findings with a fixed version; false: only those without. */
  fixable?: boolean;
  /** true: only findings the known-exploited catalog lists; false: only those it does not. */
  exploited?: boolean;
  /** `severity` (the default) or `firstSeen`; ties go by id. */
  sort?: FindingSort;
  /** `desc` by default: worst, or newest, first. */
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

/** What one replacement changed. */
export interface FindingChanges {
  /** Found for the first time. */
  added: number;
  /** Open before and not found now: marked fixed. */
  fixed: number;
  /** Marked fixed before and found again: open again. */
  reopened: number;
  /** Open after the replacement. */
  open: number;
}

export type SeverityCounts = Record<Severity, number>;

export interface FindingRepo {
  /**
   * Makes `found` the image's open findings in one transaction: new ones get `firstSeen` now,
   * open ones no longer found get `fixedAt` now, fixed ones found again open again (their
   * `firstSeen` stays: the history says when it was first seen).
   */
  replace(imageId: string, found: readonly NewFinding[]): Promise<FindingChanges>;
  list(query?: FindingQuery): Promise<Page<StoredFinding>>;
  /** Open findings of the image per severity; every severity is present. */
  counts(imageId: string): Promise<SeverityCounts>;
  /** `counts` of several images at once, every one of `imageIds` present. */
  countsOf(imageIds: readonly string[]): Promise<Map<string, SeverityCounts>>;
}

function noFindings(): SeverityCounts {
  return Object.fromEntries(severityOrder.map((severity) => [severity, 0])) as SeverityCounts;
}

/** 5 for critical down to 0 for unknown: higher is worse. */
export function findingRank(severity: Severity): number {
  return severityOrder.length - 1 - severityOrder.indexOf(severity);
}

const insertChunk = 400;
const maxFindings = 100_000;

export function exploitedOf(
  row: Pick<FindingsTable, 'kev_date_added' | 'kev_ransomware'>
): StoredExploited | undefined {
  return row.kev_date_added === null
    ? undefined
    : { dateAdded: row.kev_date_added, ransomware: row.kev_ransomware === 1 };
}

function toFinding(row: FindingsTable): StoredFinding {
  const knownExploited = exploitedOf(row);
  return {
    id: row.id,
    imageId: row.image_id,
    vulnerabilityId: row.vulnerability_id,
    package: { purl: row.package_purl, name: row.package_name, version: row.package_version },
    severity: row.severity as Severity,
    ...(row.fixed_version !== null ? { fixedVersion: row.fixed_version } : {}),
    ...(row.title !== null ? { title: row.title } : {}),
    ...(knownExploited !== undefined ? { knownExploited } : {}),
    state: row.fixed_at === null ? 'open' : 'fixed',
    firstSeen: row.first_seen,
    ...(row.fixed_at !== null ? { fixedAt: row.fixed_at } : {}),
  };
}

const keyOf = (vulnerabilityId: string, purl: string): string => `${vulnerabilityId}\n${purl}`;

/** One row per (vulnerability, package), the worst severity kept when a pair comes twice. */
function distinct(found: readonly NewFinding[]): Map<string, NewFinding> {
  if (found.length > maxFindings) {
    throw new RangeError(`more than ${maxFindings} findings for one image`);
  }
  const byKey = new Map<string, NewFinding>();
  for (const finding of found) {
    const checked: NewFinding = {
      ...finding,
      vulnerabilityId: requiredText(finding.vulnerabilityId, 'vulnerabilityId'),
      packagePurl: requiredText(finding.packagePurl, 'packagePurl', 2048),
      severity: oneOf(finding.severity, severityOrder, 'severity'),
    };
    if (
      finding.knownExploited !== undefined &&
      !/^\d{4}-\d{2}-\d{2}$/.test(finding.knownExploited.dateAdded)
    ) {
      throw new InputError('knownExploited.dateAdded: a YYYY-MM-DD date');
    }
    const key = keyOf(checked.vulnerabilityId, checked.packagePurl);
    const held = byKey.get(key);
    if (held === undefined || findingRank(checked.severity) > findingRank(held.severity)) {
      byKey.set(key, checked);
    }
  }
  return byKey;
}

function exploitedFlag(exploited: StoredExploited | undefined): number | null {
  return exploited === undefined ? null : exploited.ransomware ? 1 : 0;
}

function sameContent(row: FindingsTable, finding: NewFinding): boolean {
  return (
    row.fixed_at === null &&
    row.severity === finding.severity &&
    row.fixed_version === (finding.fixedVersion ?? null) &&
    row.title === (finding.title ?? null) &&
    row.package_name === finding.packageName &&
    row.package_version === finding.packageVersion &&
    row.kev_date_added === (finding.knownExploited?.dateAdded ?? null) &&
    row.kev_ransomware === exploitedFlag(finding.knownExploited)
  );
}

export function findingRepo({ db, now }: RepoContext): FindingRepo {
  return {
    async replace(imageId, found) {
      const wanted = distinct(found);
      const at = now();
      try {
        return await db.transaction().execute(async (trx) => {
          const existing = await trx
            .selectFrom('findings')
            .selectAll()
            .where('image_id', '=', imageId)
            .execute();
          const byKey = new Map(
            existing.map((row) => [keyOf(row.vulnerability_id, row.package_purl), row])
          );
          const changes: FindingChanges = { added: 0, fixed: 0, reopened: 0, open: wanted.size };
          const inserts: FindingsTable[] = [];
          for (const [key, finding] of wanted) {
            const row = byKey.get(key);
            const content = {
              severity: finding.severity,
              severity_rank: findingRank(finding.severity),
              fixed_version: finding.fixedVersion ?? null,
              title: finding.title ?? null,
              package_name: finding.packageName,
              package_version: finding.packageVersion,
              kev_date_added: finding.knownExploited?.dateAdded ?? null,
              kev_ransomware: exploitedFlag(finding.knownExploited),
            };
            if (row === undefined) {
              changes.added += 1;
              inserts.push({
                id: randomUUID(),
                image_id: imageId,
                vulnerability_id: finding.vulnerabilityId,
                package_purl: finding.packagePurl,
                first_seen: at,
                fixed_at: null,
                ...content,
              });
            } else if (!sameContent(row, finding)) {
              changes.reopened += row.fixed_at === null ? 0 : 1;
              await trx
                .updateTable('findings')
                .set({ ...content, fixed_at: null })
                .where('id', '=', row.id)
                .execute();
            }
          }
          for (let start = 0; start < inserts.length; start += insertChunk) {
            await trx
              .insertInto('findings')
              .values(inserts.slice(start, start + insertChunk))
              .execute();
          }
          const gone = existing
            .filter((row) => row.fixed_at === null)
            .filter((row) => !wanted.has(keyOf(row.vulnerability_id, row.package_purl)))
            .map((row) => row.id);
          for (let start = 0; start < gone.length; start += insertChunk) {
            await trx
              .updateTable('findings')
              .set({ fixed_at: at })
              .where('id', 'in', gone.slice(start, start + insertChunk))
              .execute();
          }
          changes.fixed = gone.length;
          return changes;
        });
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`no image with id ${imageId}`, { cause: error });
        }
        throw error;
      }
    },

    async list(query = {}) {
      const limit = pageLimit(query.limit);
      const sort = oneOf(query.sort ?? 'severity', findingSorts, 'sort');
      const order = oneOf(query.order ?? 'desc', ['asc', 'desc'] as const, 'order');
      const column = sort === 'severity' ? 'severity_rank' : 'first_seen';
      const after = cursorAfter(
        query.cursor,
        sort,
        sort === 'severity' ? 'number' : 'string',
        order
      );
      let rows = db.selectFrom('findings').selectAll();
      if (query.imageId !== undefined) {
        rows = rows.where('image_id', '=', query.imageId);
      }
      if (query.severity !== undefined) {
        rows = rows.where('severity', '=', oneOf(query.severity, severityOrder, 'severity'));
      }
      if (query.state !== undefined) {
        const state = oneOf(query.state, findingStates, 'state');
        rows = rows.where('fixed_at', state === 'open' ? 'is' : 'is not', null);
      }
      if (query.vulnerabilityId !== undefined) {
        rows = rows.where('vulnerability_id', '=', query.vulnerabilityId);
      }
      if (query.fixable !== undefined) {
        rows = rows.where('fixed_version', query.fixable ? 'is not' : 'is', null);
      }
      if (query.exploited !== undefined) {
        rows = rows.where('kev_date_added', query.exploited ? 'is not' : 'is', null);
      }
      if (after !== undefined) {
        const beyond = order === 'desc' ? '<' : '>';
        rows = rows.where((eb) =>
          eb.or([
            eb(column, beyond, after.value),
            eb.and([eb(column, '=', after.value), eb('id', beyond, after.id)]),
          ])
        );
      }
      const found = await rows
        .orderBy(column, order)
        .orderBy('id', order)
        .limit(limit + 1)
        .execute();
      return pageOf(found, limit, { sort, order, valueOf: (row) => row[column] }, toFinding);
    },

    async counts(imageId) {
      const rows = await db
        .selectFrom('findings')
        .select(['severity', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
        .where('image_id', '=', imageId)
        .where('fixed_at', 'is', null)
        .groupBy('severity')
        .execute();
      const counts = noFindings();
      for (const row of rows) {
        const severity = severityOrder.find((known) => known === row.severity);
        if (severity !== undefined) {
          counts[severity] = Number(row.n);
        }
      }
      return counts;
    },

    async countsOf(imageIds) {
      const ids = [...new Set(imageIds)];
      const counts = new Map(ids.map((id) => [id, noFindings()]));
      // Well under either database's limit on bound parameters.
      for (let start = 0; start < ids.length; start += 500) {
        const rows = await db
          .selectFrom('findings')
          .select(['image_id', 'severity', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('image_id', 'in', ids.slice(start, start + 500))
          .where('fixed_at', 'is', null)
          .groupBy(['image_id', 'severity'])
          .execute();
        for (const row of rows) {
          const severity = severityOrder.find((known) => known === row.severity);
          const image = counts.get(row.image_id);
          if (severity !== undefined && image !== undefined) {
            image[severity] = Number(row.n);
          }
        }
      }
      return counts;
    },
  };
}
