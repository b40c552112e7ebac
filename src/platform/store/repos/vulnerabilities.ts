import { sql } from 'kysely';
import { severityOrder, type Severity } from '../../../core/finding.js';
import type { Page } from './alerts.js';
import type { RepoContext } from './context.js';
import { exploitedOf, findingRank, type StoredExploited } from './findings.js';
import { cursorAfter, pageLimit, pageOf } from './keyset.js';
import { oneOf, requiredText } from './validate.js';

/** One vulnerability across every image that has it open. */
export interface VulnerabilitySummary {
  id: string;
  /** The worst severity any of its open findings has. */
  severity: Severity;
  /** Images with an open finding of it. */
  images: number;
  /** Packages it is open in (a package in two images counts once per image). */
  findings: number;
  /** Whether any of its open findings has a fixed version. */
  fixable: boolean;
  knownExploited?: StoredExploited;
  /** The earliest first-seen of its open findings. */
  firstSeen: string;
  title?: string;
}

export const vulnerabilitySorts = ['severity', 'images'] as const;
export type VulnerabilitySort = (typeof vulnerabilitySorts)[number];

export interface VulnerabilityQuery {
  /** The worst severity, exactly. */
  severity?: Severity;
  fixable?: boolean;
  exploited?: boolean;
  /** A case-insensitive part of the vulnerability id or of a package name it is open in. */
  search?: string;
  /** `severity` (the default) or `images`; ties go by id. */
  sort?: VulnerabilitySort;
  /** `desc` by default. */
  order?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
}

/** An image a vulnerability is open in, with the package that has it. */
export interface AffectedImage {
  imageId: string;
  registryId: string;
  repository: string;
  digest: string;
  tags: string[];
  hasSbom: boolean;
  package: { purl: string; name: string; version: string };
  severity: Severity;
  fixedVersion?: string;
  firstSeen: string;
}

export interface VulnerabilityRepo {
  /** Open findings grouped by vulnerability, a page at a time. */
  list(query?: VulnerabilityQuery): Promise<Page<VulnerabilitySummary>>;
  /** One vulnerability's summary; undefined when no finding of it is open. */
  get(id: string): Promise<VulnerabilitySummary | undefined>;
  /** Each open finding of the vulnerability with its image, worst first (at most `limit`). */
  affected(id: string, limit?: number): Promise<AffectedImage[]>;
  /** The images each of the vulnerabilities is open in. */
  imageIds(ids: readonly string[]): Promise<Map<string, string[]>>;
}

const maxAffected = 5000;

/** LIKE with the user's `%`, `_` and `\` taken literally. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export function vulnerabilityRepo({ db }: RepoContext): VulnerabilityRepo {
  // PostgreSQL answers count(*) as a string (bigint), SQLite as a number; both are Number()ed.
  const grouped = () =>
    db
      .selectFrom('findings')
      .where('fixed_at', 'is', null)
      .groupBy('vulnerability_id')
      .select((eb) => [
        'vulnerability_id as id',
        eb.fn.max('severity_rank').as('rank'),
        eb.fn.count<number | string>('image_id').distinct().as('images'),
        eb.fn.countAll<number | string>().as('findings'),
        eb.fn
          .max(eb.case().when('fixed_version', 'is not', null).then(1).else(0).end())
          .as('fixable'),
        eb.fn.max('kev_date_added').as('kev_date_added'),
        eb.fn.max('kev_ransomware').as('kev_ransomware'),
        eb.fn.min('first_seen').as('first_seen'),
        eb.fn.max('title').as('title'),
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof grouped>['execute']>>[number];

  function toSummary(row: Row): VulnerabilitySummary {
    const knownExploited = exploitedOf({
      kev_date_added: row.kev_date_added,
      kev_ransomware: row.kev_ransomware,
    });
    const rank = row.rank;
    return {
      id: row.id,
      severity: severityOrder[severityOrder.length - 1 - rank] ?? 'unknown',
      images: Number(row.images),
      findings: Number(row.findings),
      fixable: row.fixable === 1,
      ...(knownExploited !== undefined ? { knownExploited } : {}),
      firstSeen: row.first_seen,
      ...(row.title !== null ? { title: row.title } : {}),
    };
  }

  return {
    async list(query = {}) {
      const limit = pageLimit(query.limit);
      const sort = oneOf(query.sort ?? 'severity', vulnerabilitySorts, 'sort');
      const order = oneOf(query.order ?? 'desc', ['asc', 'desc'] as const, 'order');
      const after = cursorAfter(query.cursor, sort, 'number', order);
      let rows = grouped();
      if (query.severity !== undefined) {
        const rank = findingRank(oneOf(query.severity, severityOrder, 'severity'));
        rows = rows.having((eb) => eb.fn.max('severity_rank'), '=', rank);
      }
      if (query.fixable !== undefined) {
        rows = rows.having(
          (eb) => eb.fn.max(eb.case().when('fixed_version', 'is not', null).then(1).else(0).end()),
          '=',
          query.fixable ? 1 : 0
        );
      }
      if (query.exploited !== undefined) {
        rows = rows.having(
          (eb) => eb.fn.max('kev_date_added'),
          query.exploited ? 'is not' : 'is',
          null
        );
      }
      if (query.search !== undefined) {
        const pattern = containsPattern(requiredText(query.search, 'search', 200));
        // Matched on any open finding of the vulnerability, then counted over all of them:
        // searching a package name must not shrink the vulnerability's image count.
        rows = rows.where('vulnerability_id', 'in', (eb) =>
          eb
            .selectFrom('findings as hit')
            .where('hit.fixed_at', 'is', null)
            .where((hit) =>
              hit.or([
                hit(sql`lower(hit.vulnerability_id)`, 'like', sql`${pattern} escape '\\'`),
                hit(sql`lower(hit.package_name)`, 'like', sql`${pattern} escape '\\'`),
              ])
            )
            .select('hit.vulnerability_id')
        );
      }
      if (after !== undefined) {
        const beyond = order === 'desc' ? '<' : '>';
        const value = Number(after.value);
        rows = rows.having((eb) => {
          const aggregate =
            sort === 'severity'
              ? eb.fn.max('severity_rank')
              : eb.fn.count<number>('image_id').distinct();
          return eb.or([
            eb(aggregate, beyond, value),
            eb.and([eb(aggregate, '=', value), eb('vulnerability_id', beyond, after.id)]),
          ]);
        });
      }
      const found = await rows
        .orderBy(sort === 'severity' ? 'rank' : 'images', order)
        .orderBy('id', order)
        .limit(limit + 1)
        .execute();
      return pageOf(
        found,
        limit,
        { sort, order, valueOf: (row) => Number(sort === 'severity' ? row.rank : row.images) },
        toSummary
      );
    },

    async get(id) {
      const row = await grouped()
        .where('vulnerability_id', '=', requiredText(id, 'id'))
        .executeTakeFirst();
      return row === undefined ? undefined : toSummary(row);
    },

    async affected(id, limit = maxAffected) {
      const rows = await db
        .selectFrom('findings')
        .innerJoin('images', 'images.id', 'findings.image_id')
        .where('findings.vulnerability_id', '=', requiredText(id, 'id'))
        .where('findings.fixed_at', 'is', null)
        .select([
          'findings.image_id',
          'images.registry_id',
          'images.repository',
          'images.digest',
          'images.tags',
          'findings.package_purl',
          'findings.package_name',
          'findings.package_version',
          'findings.severity',
          'findings.fixed_version',
          'findings.first_seen',
          'findings.id',
        ])
        .select((eb) =>
          eb.case().when('images.sbom', 'is not', null).then(1).else(0).end().as('has_sbom')
        )
        .orderBy('findings.severity_rank', 'desc')
        .orderBy('images.repository')
        .orderBy('findings.id')
        .limit(Math.min(Math.max(1, limit), maxAffected))
        .execute();
      return rows.map((row) => ({
        imageId: row.image_id,
        registryId: row.registry_id,
        repository: row.repository,
        digest: row.digest,
        tags: JSON.parse(row.tags) as string[],
        hasSbom: row.has_sbom === 1,
        package: { purl: row.package_purl, name: row.package_name, version: row.package_version },
        severity: oneOf(row.severity, severityOrder, 'severity'),
        ...(row.fixed_version !== null ? { fixedVersion: row.fixed_version } : {}),
        firstSeen: row.first_seen,
      }));
    },

    async imageIds(ids) {
      const found = new Map<string, string[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) {
        return found;
      }
      const rows = await db
        .selectFrom('findings')
        .where('fixed_at', 'is', null)
        .where('vulnerability_id', 'in', [...ids])
        .select(['vulnerability_id', 'image_id'])
        .distinct()
        .execute();
      for (const row of rows) {
        found.get(row.vulnerability_id)?.push(row.image_id);
      }
      return found;
    },
  };
}
