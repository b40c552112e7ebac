import { InputError } from '../../../core/errors.js';
import { normaliseTime } from '../clock.js';
import type { RepoContext } from './context.js';
import { oneOf, requiredText } from './validate.js';

export type ScoreScope = 'overall' | 'account' | 'cluster';

export const scoreScopes: readonly ScoreScope[] = ['overall', 'account', 'cluster'];

/** One score as it was at one time. */
export interface ScorePoint {
  scope: ScoreScope;
  /** The account or cluster id; empty for `overall`. */
  scopeId: string;
  score: number;
  earned: number;
  max: number;
}

export interface ScoreHistoryQuery {
  scope: ScoreScope;
  scopeId?: string;
  /** From this time on (inclusive). */
  from: string;
}

export interface RecordedScore {
  at: string;
  score: number;
  earned: number;
  max: number;
}

/** Most points a query returns: hourly for 90 days is 2,160. */
const maxPoints = 5_000;

/** The secure score over time, recorded by the scheduler; the past is never recomputed. */
export interface ScoreHistoryRepo {
  /** Records each point at `at`; a second record of the same scope at the same time is ignored. */
  record(at: string, points: readonly ScorePoint[]): Promise<number>;
  /** Oldest first, at most 5,000 points. */
  list(query: ScoreHistoryQuery): Promise<RecordedScore[]>;
}

function checkedScore(point: ScorePoint): ScorePoint {
  for (const field of ['score', 'earned', 'max'] as const) {
    if (!Number.isFinite(point[field]) || point[field] < 0) {
      throw new InputError(`${field}: a finite number, 0 or more`);
    }
  }
  if (point.score > 100) {
    throw new InputError('score: at most 100');
  }
  const scope = oneOf(point.scope, scoreScopes, 'scope');
  if ((scope === 'overall') !== (point.scopeId === '')) {
    throw new InputError('scopeId: empty for the overall score, an id for an account or cluster');
  }
  return point;
}

export function scoreHistoryRepo({ db }: RepoContext): ScoreHistoryRepo {
  return {
    async record(at, points) {
      const recordedAt = normaliseTime(at, 'at');
      const rows = points.map(checkedScore).map((point) => ({
        scope: point.scope,
        scope_id: point.scopeId,
        recorded_at: recordedAt,
        score: point.score,
        earned: point.earned,
        max_points: point.max,
      }));
      let written = 0;
      // 7 columns a row: 200 rows stay far below both dialects' parameter caps.
      for (let start = 0; start < rows.length; start += 200) {
        const result = await db
          .insertInto('score_history')
          .values(rows.slice(start, start + 200))
          .onConflict((conflict) =>
            conflict.columns(['scope', 'scope_id', 'recorded_at']).doNothing()
          )
          .executeTakeFirst();
        written += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      return written;
    },

    async list(query) {
      const scope = oneOf(query.scope, scoreScopes, 'scope');
      const scopeId = scope === 'overall' ? '' : requiredText(query.scopeId, 'scopeId', 512);
      const rows = await db
        .selectFrom('score_history')
        .select(['recorded_at', 'score', 'earned', 'max_points'])
        .where('scope', '=', scope)
        .where('scope_id', '=', scopeId)
        .where('recorded_at', '>=', normaliseTime(query.from, 'from'))
        .orderBy('recorded_at')
        .limit(maxPoints)
        .execute();
      return rows.map((row) => ({
        at: row.recorded_at,
        score: row.score,
        earned: row.earned,
        max: row.max_points,
      }));
    },
  };
}
