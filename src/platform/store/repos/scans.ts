import { randomUUID } from 'node:crypto';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { isForeignKeyViolation } from '../db-errors.js';
import type { ScanStatus, ScansTable, ScanTrigger } from '../schema.js';
import type { Page } from './alerts.js';
import type { RepoContext } from './context.js';
import { cursorAfter, pageLimit, pageOf } from './keyset.js';
import { oneOf, requiredText } from './validate.js';

export const scanStatuses: readonly ScanStatus[] = ['queued', 'running', 'done', 'failed'];
export const scanTriggers: readonly ScanTrigger[] = ['added', 'schedule', 'demand', 'rematch'];

/** One scan of one image: queued, run (maybe more than once), done or failed. */
export interface Scan {
  id: string;
  imageId: string;
  status: ScanStatus;
  trigger: ScanTrigger;
  /** The queue delivery that last ran it; 0 while it has not started. */
  attempt: number;
  /** `host:pid` of the worker that last ran it. */
  worker?: string;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** The last failure: on a failed scan, why; on a queued one, what the last attempt met. */
  error?: string;
  note?: string;
  packageCount?: number;
  findingCount?: number;
}

export interface ScanQuery {
  imageId?: string;
  status?: ScanStatus;
  /** Newest first, by when it was queued. */
  limit?: number;
  cursor?: string;
}

export interface ScanOutcome {
  packageCount: number;
  findingCount: number;
  note?: string;
}

export interface ScanRepo {
  queue(imageId: string, trigger: ScanTrigger): Promise<Scan>;
  /** Marks it running on `worker` for this delivery, clearing the end of any earlier run. */
  start(id: string, run: { worker: string; attempt: number }): Promise<Scan>;
  finish(id: string, outcome: ScanOutcome): Promise<Scan>;
  /** Keeps the scan for another attempt, with what went wrong this time. */
  retry(id: string, error: string): Promise<Scan>;
  /** The last attempt failed: the scan ends `failed` with the reason. */
  fail(id: string, error: string): Promise<Scan>;
  /** The worker running it is alive: renews `heartbeat_at` of a running scan. */
  heartbeat(id: string): Promise<void>;
  /**
   * Fails every running scan whose last heartbeat (or start) is older than `silentSince`: its
   * worker died on the job's last delivery, so nothing else will finish it. Returns how many.
   */
  reapSilent(silentSince: string, error: string): Promise<number>;
  /** Removes a scan that never started (its job was a duplicate, or not needed). */
  discard(id: string): Promise<void>;
  get(id: string): Promise<Scan>;
  list(query?: ScanQuery): Promise<Page<Scan>>;
  /** The image's latest scan that is done, if any. */
  lastDone(imageId: string): Promise<Scan | undefined>;
  /** The image's latest scan of any status, if any. */
  latest(imageId: string): Promise<Scan | undefined>;
}

const maxErrorLength = 2000;

function toScan(row: ScansTable): Scan {
  return {
    id: row.id,
    imageId: row.image_id,
    status: row.status,
    trigger: row.trigger,
    attempt: row.attempt,
    ...(row.worker !== null ? { worker: row.worker } : {}),
    queuedAt: row.queued_at,
    ...(row.started_at !== null ? { startedAt: row.started_at } : {}),
    ...(row.finished_at !== null ? { finishedAt: row.finished_at } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    ...(row.note !== null ? { note: row.note } : {}),
    ...(row.package_count !== null ? { packageCount: row.package_count } : {}),
    ...(row.finding_count !== null ? { findingCount: row.finding_count } : {}),
  };
}

function errorText(error: string): string {
  const text = requiredText(error, 'error', Number.MAX_SAFE_INTEGER);
  return text.length > maxErrorLength ? `${text.slice(0, maxErrorLength)}…` : text;
}

function count(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InputError(`${field}: a whole number`);
  }
  return value;
}

export function scanRepo({ db, now }: RepoContext): ScanRepo {
  async function update(id: string, changes: Partial<ScansTable>): Promise<Scan> {
    const row = await db
      .updateTable('scans')
      .set(changes)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) {
      throw new NotFoundError(`no scan with id ${id}`);
    }
    return toScan(row);
  }

  async function newest(imageId: string, status?: ScanStatus): Promise<Scan | undefined> {
    let rows = db.selectFrom('scans').selectAll().where('image_id', '=', imageId);
    if (status !== undefined) {
      rows = rows.where('status', '=', status);
    }
    const row = await rows
      .orderBy('queued_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : toScan(row);
  }

  return {
    async queue(imageId, trigger) {
      const row: ScansTable = {
        id: randomUUID(),
        image_id: imageId,
        status: 'queued',
        queued_at: now(),
        started_at: null,
        finished_at: null,
        error: null,
        attempt: 0,
        worker: null,
        heartbeat_at: null,
        trigger: oneOf(trigger, scanTriggers, 'trigger'),
        note: null,
        package_count: null,
        finding_count: null,
      };
      try {
        await db.insertInto('scans').values(row).execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`no image with id ${imageId}`, { cause: error });
        }
        throw error;
      }
      return toScan(row);
    },

    start: (id, run) =>
      update(id, {
        status: 'running',
        worker: requiredText(run.worker, 'worker'),
        attempt: count(run.attempt, 'attempt'),
        started_at: now(),
        heartbeat_at: now(),
        finished_at: null,
      }),

    async heartbeat(id) {
      await db
        .updateTable('scans')
        .set({ heartbeat_at: now() })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    },

    async reapSilent(silentSince, error) {
      const result = await db
        .updateTable('scans')
        .set({ status: 'failed', finished_at: now(), error: errorText(error) })
        .where('status', '=', 'running')
        .where((eb) => eb(eb.fn.coalesce('heartbeat_at', 'started_at'), '<', silentSince))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    finish: (id, outcome) =>
      update(id, {
        status: 'done',
        finished_at: now(),
        error: null,
        note: outcome.note ?? null,
        package_count: count(outcome.packageCount, 'packageCount'),
        finding_count: count(outcome.findingCount, 'findingCount'),
      }),

    retry: (id, error) => update(id, { status: 'queued', error: errorText(error) }),

    fail: (id, error) =>
      update(id, { status: 'failed', finished_at: now(), error: errorText(error) }),

    async discard(id) {
      await db.deleteFrom('scans').where('id', '=', id).where('status', '=', 'queued').execute();
    },

    async get(id) {
      const row = await db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) {
        throw new NotFoundError(`no scan with id ${id}`);
      }
      return toScan(row);
    },

    async list(query = {}) {
      const limit = pageLimit(query.limit);
      const after = cursorAfter(query.cursor, 'queuedAt', 'string');
      let rows = db.selectFrom('scans').selectAll();
      if (query.imageId !== undefined) {
        rows = rows.where('image_id', '=', query.imageId);
      }
      if (query.status !== undefined) {
        rows = rows.where('status', '=', oneOf(query.status, scanStatuses, 'status'));
      }
      if (after !== undefined) {
        const value = String(after.value);
        rows = rows.where((eb) =>
          eb.or([
            eb('queued_at', '<', value),
            eb.and([eb('queued_at', '=', value), eb('id', '<', after.id)]),
          ])
        );
      }
      const found = await rows
        .orderBy('queued_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      return pageOf(found, limit, { sort: 'queuedAt', valueOf: (row) => row.queued_at }, toScan);
    },

    lastDone: (imageId) => newest(imageId, 'done'),
    latest: (imageId) => newest(imageId),
  };
}
