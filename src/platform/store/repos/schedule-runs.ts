import { InputError } from '../../../core/errors.js';
import type { RepoContext } from './context.js';
import { requiredText } from './validate.js';

export interface ScheduleRun {
  task: string;
  /** Absent before the first run. */
  lastRun?: string;
  lastOutcome?: string;
}

/** Claims of periodic tasks, shared by every server on the database. */
export interface ScheduleRunRepo {
  /**
   * True for exactly one caller per period: the one whose conditional update moved the task's
   * last run from before `now - everyMs` to now. Everyone else, on any server, gets false.
   */
  claim(task: string, everyMs: number): Promise<boolean>;
  /** What the claimed run did, for the API and the logs. */
  recordOutcome(task: string, outcome: string): Promise<void>;
  /** Every task that ever ran, by id. */
  list(): Promise<ScheduleRun[]>;
}

const neverRun = new Date(0).toISOString();

export function scheduleRunRepo({ db, now }: RepoContext): ScheduleRunRepo {
  return {
    async claim(task, everyMs) {
      const id = requiredText(task, 'task');
      if (!Number.isFinite(everyMs) || everyMs <= 0) {
        throw new InputError(`everyMs: must be a positive number of milliseconds, got ${everyMs}`);
      }
      const at = now();
      const due = new Date(Date.parse(at) - everyMs).toISOString();
      await db
        .insertInto('schedule_runs')
        .values({ task: id, last_run: neverRun, last_outcome: null })
        .onConflict((conflict) => conflict.column('task').doNothing())
        .execute();
      const result = await db
        .updateTable('schedule_runs')
        .set({ last_run: at })
        .where('task', '=', id)
        .where('last_run', '<=', due)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async recordOutcome(task, outcome) {
      await db
        .updateTable('schedule_runs')
        .set({ last_outcome: outcome.slice(0, 2048) })
        .where('task', '=', task)
        .execute();
    },

    async list() {
      const rows = await db.selectFrom('schedule_runs').selectAll().orderBy('task').execute();
      return rows.map((row) => ({
        task: row.task,
        ...(row.last_run !== neverRun ? { lastRun: row.last_run } : {}),
        ...(row.last_outcome !== null ? { lastOutcome: row.last_outcome } : {}),
      }));
    },
  };
}
