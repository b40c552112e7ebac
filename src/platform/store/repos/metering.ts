import { InputError, NotFoundError } from '../../../core/errors.js';
import { isForeignKeyViolation } from '../db-errors.js';
import type { RepoContext } from './context.js';

/**
 * Protected vCores for showback. A cluster's value for a day is the **largest** total of its
 * nodes' vCPUs (`status.capacity.cpu`, exact, fractions kept) seen by any assessment that day
 * (UTC). The maximum, not a time-weighted average: assessments are periodic (a schedule, on
 * add, on demand), so an average over a handful of unevenly spaced samples would say more
 * about when people clicked than about the cluster; the maximum is what was protected at the
 * busiest moment seen, is never lowered by a quiet sample, and is idempotent (a redelivered
 * assessment cannot change it). A month is the sum of its days' values (vCore-days) and
 * their mean over the days measured.
 */
export interface MeteringDay {
  clusterId: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  vcores: number;
}

export interface MeteringMonth {
  clusterId: string;
  /** `YYYY-MM`. */
  month: string;
  /** Days of the month with a measurement. */
  daysMeasured: number;
  /** The sum of the days' vCores. */
  vcoreDays: number;
  /** vcoreDays / daysMeasured. */
  averageVcores: number;
}

export interface MeteringQuery {
  clusterId?: string;
  /** Inclusive, `YYYY-MM-DD`. */
  from: string;
  to: string;
}

export interface MeteringRepo {
  /** Raises the cluster's value for the day of `at` to `vcores` if that is more. */
  record(clusterId: string, at: string, vcores: number): Promise<void>;
  /** By cluster, then day; at most 366 days. */
  days(query: MeteringQuery): Promise<MeteringDay[]>;
  /** By cluster, then month; `from`/`to` are days (the months they fall in count whole). */
  months(query: MeteringQuery): Promise<MeteringMonth[]>;
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const maxDays = 366;
const maxMonthsDays = 3 * 366;

function checkDay(value: string, field: string): string {
  if (!dayPattern.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InputError(`${field}: a day, YYYY-MM-DD`);
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new InputError(`${field}: a day, YYYY-MM-DD`);
  }
  return value;
}

function range(query: MeteringQuery, maxSpan: number): { from: string; to: string } {
  const from = checkDay(query.from, 'from');
  const to = checkDay(query.to, 'to');
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (span < 0) {
    throw new InputError('to: on or after from');
  }
  if (span >= maxSpan) {
    throw new InputError(`to: at most ${maxSpan} days after from`);
  }
  return { from, to };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function meteringRepo({ db }: RepoContext): MeteringRepo {
  async function days(query: MeteringQuery, maxSpan: number): Promise<MeteringDay[]> {
    const { from, to } = range(query, maxSpan);
    let select = db
      .selectFrom('metering')
      .selectAll()
      .where('day', '>=', from)
      .where('day', '<=', to);
    if (query.clusterId !== undefined) {
      select = select.where('cluster_id', '=', query.clusterId);
    }
    const rows = await select.orderBy('cluster_id').orderBy('day').execute();
    return rows.map((row) => ({
      clusterId: row.cluster_id,
      day: row.day,
      vcores: row.vcores,
    }));
  }

  return {
    async record(clusterId, at, vcores) {
      if (!Number.isFinite(vcores) || vcores < 0) {
        throw new InputError('vcores: a non-negative number');
      }
      const time = Date.parse(at);
      if (Number.isNaN(time)) {
        throw new InputError('at: not a time');
      }
      const day = new Date(time).toISOString().slice(0, 10);
      try {
        await db
          .insertInto('metering')
          .values({ cluster_id: clusterId, day, vcores })
          .onConflict((conflict) =>
            conflict.columns(['cluster_id', 'day']).doUpdateSet((eb) => ({
              vcores: eb
                .case()
                .when(eb.ref('excluded.vcores'), '>', eb.ref('metering.vcores'))
                .then(eb.ref('excluded.vcores'))
                .else(eb.ref('metering.vcores'))
                .end(),
            }))
          )
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`no cluster with id ${clusterId}`, { cause: error });
        }
        throw error;
      }
    },

    days: (query) => days(query, maxDays),

    async months(query) {
      const first = `${checkDay(query.from, 'from').slice(0, 7)}-01`;
      const [year = 0, month = 0] = checkDay(query.to, 'to').split('-').map(Number);
      // Day 0 of the next month is the last day of this one.
      const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
      const rows = await days({ ...query, from: first, to: last }, maxMonthsDays);
      const months = new Map<string, MeteringMonth>();
      for (const row of rows) {
        const month = row.day.slice(0, 7);
        const key = `${row.clusterId} ${month}`;
        const entry = months.get(key) ?? {
          clusterId: row.clusterId,
          month,
          daysMeasured: 0,
          vcoreDays: 0,
          averageVcores: 0,
        };
        entry.daysMeasured += 1;
        entry.vcoreDays += row.vcores;
        months.set(key, entry);
      }
      return [...months.values()].map((entry) => ({
        ...entry,
        vcoreDays: round(entry.vcoreDays),
        averageVcores: round(entry.vcoreDays / entry.daysMeasured),
      }));
    },
  };
}
