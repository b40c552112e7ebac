import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Severity } from '../../../core/finding.js';
import { severityOrder } from '../../../core/finding.js';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { isForeignKeyViolation } from '../db-errors.js';
import type { Database, RecommendationsTable, RecommendationStatus } from '../schema.js';
import type { Page } from './alerts.js';
import type { RepoContext } from './context.js';
import { coveringExemption, type Exemption } from './exemption-row.js';
import { exemptionRepo } from './exemptions.js';
import {
  foldAssessment,
  type ApplySummary,
  type AssessmentOutcome,
} from './recommendation-fold.js';
import {
  recommendationStatuses,
  resourceKey,
  toRecommendation,
  type Recommendation,
  type RecommendationExemption,
} from './recommendation-row.js';
import { oneOf, requiredText } from './validate.js';

export interface RecommendationQuery {
  clusterId?: string;
  status?: RecommendationStatus;
  severity?: Severity;
  check?: string;
  /**
   * True: only failing ones an active exemption covers; false: only those none covers (any
   * status). Exemptions apply at the time of the request.
   */
  exempted?: boolean;
  /** 50 by default, at most 500. */
  limit?: number;
  cursor?: string;
}

/** Per cluster: recommendations by status, and the failing ones by severity. */
export interface RecommendationCounts {
  byStatus: Record<RecommendationStatus, number>;
  failingBySeverity: Record<Severity, number>;
}

export interface RecommendationRepo {
  /**
   * Applies one assessment's results to the cluster's recommendations, in one transaction
   * (see `recommendation-fold.ts` for the lifecycle). Applying the same results again changes
   * nothing but the times.
   */
  apply(clusterId: string, outcome: AssessmentOutcome): Promise<ApplySummary>;
  get(id: string): Promise<Recommendation>;
  /** Worst severity first, then by id; pass `nextCursor` back as `cursor`. */
  list(query?: RecommendationQuery): Promise<Page<Recommendation>>;
  counts(clusterId: string): Promise<RecommendationCounts>;
}

/** Rows per insert statement: 19 columns each stays far below both dialects' parameter caps. */
const chunk = 200;
const sort = 'severity';
const order = 'desc';

async function writeRows(
  db: Kysely<Database>,
  rows: readonly RecommendationsTable[]
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunk) {
    await db
      .insertInto('recommendations')
      .values(rows.slice(start, start + chunk))
      .onConflict((conflict) =>
        conflict.columns(['cluster_id', 'check_id', 'resource_key']).doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          severity: eb.ref('excluded.severity'),
          severity_rank: eb.ref('excluded.severity_rank'),
          title: eb.ref('excluded.title'),
          controls: eb.ref('excluded.controls'),
          message: eb.ref('excluded.message'),
          last_seen: eb.ref('excluded.last_seen'),
          resolved_at: eb.ref('excluded.resolved_at'),
          reopened_at: eb.ref('excluded.reopened_at'),
          reopen_count: eb.ref('excluded.reopen_count'),
          last_assessed_at: eb.ref('excluded.last_assessed_at'),
        }))
      )
      .execute();
  }
}

/** Whether an exemption active at `at` covers the recommendation row (SQL, for the filter). */
function coveredAt(eb: ExpressionBuilder<Database, 'recommendations'>, at: string) {
  return eb.and([
    eb('recommendations.status', '=', 'fail'),
    eb.exists(
      eb
        .selectFrom('exemptions')
        .select('exemptions.id')
        .whereRef('exemptions.check_id', '=', 'recommendations.check_id')
        .where((inner) =>
          inner.or([
            inner('exemptions.cluster_id', 'is', null),
            inner('exemptions.cluster_id', '=', inner.ref('recommendations.cluster_id')),
          ])
        )
        .where((inner) =>
          inner.or([
            inner('exemptions.expires_at', 'is', null),
            inner('exemptions.expires_at', '>', at),
          ])
        )
        .where((inner) =>
          inner.or([
            inner.and([
              inner('exemptions.resource_key', 'is', null),
              inner('exemptions.namespace', 'is', null),
            ]),
            inner('exemptions.resource_key', '=', inner.ref('recommendations.resource_key')),
            inner('exemptions.namespace', '=', inner.ref('recommendations.resource_namespace')),
          ])
        )
    ),
  ]);
}

function shownExemption(exemption: Exemption): RecommendationExemption {
  return {
    id: exemption.id,
    category: exemption.category,
    reason: exemption.reason,
    ...(exemption.expiresAt !== undefined ? { expiresAt: exemption.expiresAt } : {}),
    ...(exemption.clusterId !== undefined ? { clusterId: exemption.clusterId } : {}),
    scope:
      exemption.resource !== undefined
        ? 'resource'
        : exemption.namespace !== undefined
          ? 'namespace'
          : 'check',
  };
}

function pageSize(limit: number | undefined): number {
  const size = limit ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > 500) {
    throw new InputError('limit: an integer from 1 to 500');
  }
  return size;
}

export function recommendationRepo(context: RepoContext): RecommendationRepo {
  const { db, now } = context;
  const exemptions = exemptionRepo(context);

  /** The failing ones of `items` with the active exemption that covers each, at `at`. */
  async function withExemptions(items: Recommendation[], at: string): Promise<Recommendation[]> {
    const failing = items.filter((item) => item.status === 'fail');
    const active = await exemptions.active({ at, checks: failing.map((item) => item.check) });
    if (active.length === 0) {
      return items;
    }
    return items.map((item) => {
      if (item.status !== 'fail') {
        return item;
      }
      const covering = coveringExemption(active, {
        clusterId: item.clusterId,
        check: item.check,
        resourceKey: resourceKey(item.resource),
        ...(item.resource.namespace !== undefined ? { namespace: item.resource.namespace } : {}),
      });
      return covering === undefined ? item : { ...item, exemption: shownExemption(covering) };
    });
  }

  return {
    async apply(clusterId, outcome) {
      try {
        return await db.transaction().execute(async (trx) => {
          const before = await trx
            .selectFrom('recommendations')
            .selectAll()
            .where('cluster_id', '=', clusterId)
            .execute();
          const { rows, summary } = foldAssessment(clusterId, before, outcome);
          await writeRows(trx, rows);
          return summary;
        });
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`no cluster with id ${clusterId}`, { cause: error });
        }
        throw error;
      }
    },

    async get(id) {
      const row = await db
        .selectFrom('recommendations')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) {
        throw new NotFoundError(`no recommendation with id ${id}`);
      }
      const [item] = await withExemptions([toRecommendation(row)], now());
      return item ?? toRecommendation(row);
    },

    async list(query = {}) {
      const limit = pageSize(query.limit);
      const at = now();
      let select = db.selectFrom('recommendations').selectAll();
      if (query.clusterId !== undefined) {
        select = select.where('cluster_id', '=', query.clusterId);
      }
      if (query.status !== undefined) {
        select = select.where('status', '=', oneOf(query.status, recommendationStatuses, 'status'));
      }
      if (query.severity !== undefined) {
        select = select.where('severity', '=', oneOf(query.severity, severityOrder, 'severity'));
      }
      if (query.check !== undefined) {
        select = select.where('check_id', '=', requiredText(query.check, 'check'));
      }
      if (query.exempted !== undefined) {
        if (typeof query.exempted !== 'boolean') {
          throw new InputError('exempted: true or false');
        }
        const wanted = query.exempted;
        select = select.where((eb) => (wanted ? coveredAt(eb, at) : eb.not(coveredAt(eb, at))));
      }
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor, sort, order);
        if (typeof after.value !== 'number') {
          throw new InputError('cursor: malformed; pass back the nextCursor of the previous page');
        }
        const rank = after.value;
        select = select.where((eb) =>
          eb.or([
            eb('severity_rank', '<', rank),
            eb.and([eb('severity_rank', '=', rank), eb('id', '<', after.id)]),
          ])
        );
      }
      const rows = await select
        .orderBy('severity_rank', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items: await withExemptions(rows.slice(0, limit).map(toRecommendation), at),
        ...(last !== undefined
          ? { nextCursor: encodeCursor({ sort, order, value: last.severity_rank, id: last.id }) }
          : {}),
      };
    },

    async counts(clusterId) {
      const rows = await db
        .selectFrom('recommendations')
        .select((eb) => ['status', 'severity', eb.fn.countAll<number | string | bigint>().as('n')])
        .where('cluster_id', '=', clusterId)
        .groupBy(['status', 'severity'])
        .execute();
      const byStatus = Object.fromEntries(recommendationStatuses.map((s) => [s, 0])) as Record<
        RecommendationStatus,
        number
      >;
      const failingBySeverity = Object.fromEntries(severityOrder.map((s) => [s, 0])) as Record<
        Severity,
        number
      >;
      for (const row of rows) {
        const n = Number(row.n);
        byStatus[row.status] += n;
        const severity = row.severity as Severity;
        if (row.status === 'fail' && severity in failingBySeverity) {
          failingBySeverity[severity] += n;
        }
      }
      return { byStatus, failingBySeverity };
    },
  };
}
