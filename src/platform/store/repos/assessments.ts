import { InputError, NotFoundError } from '../../../core/errors.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { isForeignKeyViolation } from '../db-errors.js';
import type { AssessmentsTable, AssessmentStatus } from '../schema.js';
import type { Page } from './alerts.js';
import type { RepoContext } from './context.js';
import { requiredText } from './validate.js';

export interface AssessmentCounts {
  results: number;
  failed: number;
  passed: number;
  manual: number;
  exempted: number;
}

/** One check's results in one run: the secure score's posture controls are made of these. */
export interface CheckTally {
  check: string;
  severity: string;
  passed: number;
  failed: number;
  manual: number;
  exempted: number;
}

/** One run of the assess pipeline for a cluster. */
export interface AssessmentRun {
  id: string;
  clusterId: string;
  status: AssessmentStatus;
  startedAt: string;
  finishedAt?: string;
  /** Why it failed; never a credential. */
  error?: string;
  attempt: number;
  counts: AssessmentCounts;
  nodes?: number;
  vcores?: number;
  workloads?: number;
  /** The posture engine's framework summaries (score per framework and control). */
  frameworks: unknown[];
  /** Per check, in check order; empty before the run succeeds. */
  checks: CheckTally[];
  notes: string[];
}

export interface FinishedRun {
  at: string;
  counts: AssessmentCounts;
  nodes?: number;
  vcores?: number;
  workloads?: number;
  frameworks: readonly unknown[];
  checks: readonly CheckTally[];
  notes: readonly string[];
}

export interface AssessmentRepo {
  /** Records a run as running; a redelivered job (same id) starts its own run over. */
  start(input: { id: string; clusterId: string; attempt: number; at: string }): Promise<void>;
  finish(id: string, run: FinishedRun): Promise<void>;
  fail(id: string, at: string, error: string, notes?: readonly string[]): Promise<void>;
  get(id: string): Promise<AssessmentRun>;
  /** Newest first. */
  list(
    clusterId: string,
    query?: { limit?: number; cursor?: string }
  ): Promise<Page<AssessmentRun>>;
  /**
   * Each cluster's latest successful run (or one cluster's), what the score and the compliance
   * view are computed from; a cluster never assessed has none.
   */
  latestSucceeded(clusterId?: string): Promise<AssessmentRun[]>;
}

const noCounts: AssessmentCounts = { results: 0, failed: 0, passed: 0, manual: 0, exempted: 0 };
const maxNotes = 200;
const sort = 'startedAt';

function isTally(value: unknown): value is CheckTally {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const tally = value as Record<string, unknown>;
  return (
    typeof tally['check'] === 'string' &&
    typeof tally['severity'] === 'string' &&
    ['passed', 'failed', 'manual', 'exempted'].every((key) => Number.isInteger(tally[key]))
  );
}

/** The `checks` column read back; anything malformed is left out. */
export function parseCheckTallies(text: string): CheckTally[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter(isTally) : [];
}

function toRun(row: AssessmentsTable): AssessmentRun {
  const frameworks: unknown = JSON.parse(row.frameworks);
  const notes: unknown = JSON.parse(row.notes);
  return {
    id: row.id,
    clusterId: row.cluster_id,
    status: row.status,
    startedAt: row.started_at,
    ...(row.finished_at !== null ? { finishedAt: row.finished_at } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    attempt: row.attempt,
    counts: {
      results: row.results,
      failed: row.failed,
      passed: row.passed,
      manual: row.manual,
      exempted: row.exempted,
    },
    ...(row.nodes !== null ? { nodes: row.nodes } : {}),
    ...(row.vcores !== null ? { vcores: row.vcores } : {}),
    ...(row.workloads !== null ? { workloads: row.workloads } : {}),
    frameworks: Array.isArray(frameworks) ? frameworks : [],
    checks: parseCheckTallies(row.checks),
    notes: Array.isArray(notes) ? notes.filter((note) => typeof note === 'string') : [],
  };
}

function notesText(notes: readonly string[]): string {
  const kept = notes.slice(0, maxNotes).map((note) => note.slice(0, 2048));
  if (notes.length > maxNotes) {
    kept.push(`${notes.length - maxNotes} more notes not kept`);
  }
  return JSON.stringify(kept);
}

export function assessmentRepo({ db }: RepoContext): AssessmentRepo {
  async function update(id: string, values: Partial<AssessmentsTable>): Promise<void> {
    const result = await db
      .updateTable('assessments')
      .set(values)
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) {
      throw new NotFoundError(`no assessment with id ${id}`);
    }
  }

  return {
    async start({ id, clusterId, attempt, at }) {
      // A redelivered job starts its own run over: everything but the id and cluster.
      const fresh: Omit<AssessmentsTable, 'id' | 'cluster_id'> = {
        status: 'running',
        started_at: at,
        finished_at: null,
        error: null,
        attempt,
        ...noCounts,
        nodes: null,
        vcores: null,
        workloads: null,
        frameworks: '[]',
        checks: '[]',
        notes: '[]',
      };
      try {
        await db
          .insertInto('assessments')
          .values({ id: requiredText(id, 'id', 512), cluster_id: clusterId, ...fresh })
          .onConflict((conflict) => conflict.column('id').doUpdateSet(fresh))
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`no cluster with id ${clusterId}`, { cause: error });
        }
        throw error;
      }
    },

    async finish(id, run) {
      await update(id, {
        status: 'succeeded',
        finished_at: run.at,
        ...run.counts,
        nodes: run.nodes ?? null,
        vcores: run.vcores ?? null,
        workloads: run.workloads ?? null,
        frameworks: JSON.stringify(run.frameworks),
        checks: JSON.stringify(run.checks),
        notes: notesText(run.notes),
      });
    },

    async fail(id, at, error, notes = []) {
      await update(id, {
        status: 'failed',
        finished_at: at,
        error: error.slice(0, 2048),
        notes: notesText(notes),
      });
    },

    async get(id) {
      const row = await db
        .selectFrom('assessments')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) {
        throw new NotFoundError(`no assessment with id ${id}`);
      }
      return toRun(row);
    },

    async list(clusterId, query = {}) {
      const limit = query.limit ?? 50;
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new InputError('limit: an integer from 1 to 500');
      }
      let select = db.selectFrom('assessments').selectAll().where('cluster_id', '=', clusterId);
      if (query.cursor !== undefined) {
        const after = decodeCursor(query.cursor, sort, 'desc');
        const started = after.value;
        if (typeof started !== 'string') {
          throw new InputError('cursor: malformed; pass back the nextCursor of the previous page');
        }
        select = select.where((eb) =>
          eb.or([
            eb('started_at', '<', started),
            eb.and([eb('started_at', '=', started), eb('id', '<', after.id)]),
          ])
        );
      }
      const rows = await select
        .orderBy('started_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const last = rows.length > limit ? rows[limit - 1] : undefined;
      return {
        items: rows.slice(0, limit).map(toRun),
        ...(last !== undefined
          ? {
              nextCursor: encodeCursor({
                sort,
                order: 'desc',
                value: last.started_at,
                id: last.id,
              }),
            }
          : {}),
      };
    },

    async latestSucceeded(clusterId) {
      let runs = db
        .selectFrom('assessments as run')
        .selectAll('run')
        .where('run.status', '=', 'succeeded')
        .where((eb) =>
          eb(
            'run.finished_at',
            '=',
            eb
              .selectFrom('assessments as other')
              .where('other.status', '=', 'succeeded')
              .whereRef('other.cluster_id', '=', 'run.cluster_id')
              .select((other) => other.fn.max('other.finished_at').as('latest'))
          )
        )
        .orderBy('run.cluster_id')
        .orderBy('run.id');
      if (clusterId !== undefined) {
        runs = runs.where('run.cluster_id', '=', clusterId);
      }
      const latest = new Map<string, AssessmentRun>();
      for (const row of await runs.execute()) {
        // Two runs finishing in the same millisecond would both be latest; the first id counts.
        if (!latest.has(row.cluster_id)) {
          latest.set(row.cluster_id, toRun(row));
        }
      }
      return [...latest.values()];
    },
  };
}
