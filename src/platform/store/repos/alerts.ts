import type { Alert, AlertSeverity } from '../../../core/alert.js';
import { alertSeverityOrder } from '../../../core/alert.js';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { sql } from 'kysely';
import { normaliseTime } from '../clock.js';
import { isForeignKeyViolation } from '../db-errors.js';
import type { AlertsTable, AlertStatus } from '../schema.js';
import { listAlerts, type AlertQuery } from './alert-list.js';
import {
  alertStatuses,
  severityRank,
  storedAlertId,
  toStoredAlert,
  type StoredAlert,
} from './alert-row.js';
import type { RepoContext } from './context.js';
import { oneOf, requiredText } from './validate.js';

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** How a new alert is stored when a suppression rule covers it. */
export interface RecordOptions {
  /** Store it already `dismissed` with this reason; ignored when the alert exists. */
  dismissReason?: string;
  /** Who dismissed it (`suppression rule <id>`), kept as `statusChangedBy`. */
  dismissedBy?: string;
}

export interface AlertTrendQuery {
  /** First day counted, `YYYY-MM-DD` (UTC). */
  from: string;
  clusterId?: string;
}

/** One UTC day's new alerts by severity; days with none are left out. */
export interface AlertTrendDay {
  day: string;
  counts: Partial<Record<AlertSeverity, number>>;
}

export interface RecordedAlert {
  alert: StoredAlert;
  /** True when this call stored the alert for the first time (no other process did). */
  created: boolean;
}

export interface AlertRepo {
  /**
   * Stores the engine's alert for a cluster, or folds it into the one stored: counts add up,
   * first and last seen widen, and the status (a dismissal, say) stays as it was.
   */
  upsert(clusterId: string, alert: Alert): Promise<StoredAlert>;
  /** `upsert` that also says whether the alert is new, which is when it is notified. */
  record(clusterId: string, alert: Alert, options?: RecordOptions): Promise<RecordedAlert>;
  get(id: string): Promise<StoredAlert>;
  /**
   * `dismissed` needs a reason; any other status clears it. `by` (a token's name, a rule) is
   * kept with the time as who changed it last.
   */
  setStatus(id: string, status: AlertStatus, reason?: string, by?: string): Promise<StoredAlert>;
  /** Assigns it to a person or team by name, or unassigns it with `null`; kept as a change. */
  assign(id: string, assignee: string | null, by?: string): Promise<StoredAlert>;
  list(query?: AlertQuery): Promise<Page<StoredAlert>>;
  /** Alerts first seen on each UTC day from `from` (`YYYY-MM-DD`) on, by severity. */
  trend(query: AlertTrendQuery): Promise<AlertTrendDay[]>;
  /**
   * New alerts whose notifications were not published yet, stored at or before `storedBefore`,
   * oldest first.
   */
  notifyPending(storedBefore: string, limit?: number): Promise<StoredAlert[]>;
  /** Their notify jobs are published: the alert leaves the outbox. */
  markNotified(id: string): Promise<void>;
}

function rowFor(clusterId: string, alert: Alert, now: string): AlertsTable {
  if (!Number.isSafeInteger(alert.count) || alert.count < 1) {
    throw new InputError('count: a positive integer');
  }
  return {
    id: storedAlertId(requiredText(clusterId, 'clusterId'), requiredText(alert.id, 'id')),
    cluster_id: clusterId,
    rule: requiredText(alert.rule, 'rule'),
    severity: oneOf(alert.severity, alertSeverityOrder, 'severity'),
    severity_rank: severityRank(alert.severity),
    status: 'new',
    dismiss_reason: null,
    body: JSON.stringify(alert),
    count: alert.count,
    first_seen: normaliseTime(alert.firstSeen, 'firstSeen'),
    last_seen: normaliseTime(alert.lastSeen, 'lastSeen'),
    updated_at: now,
    status_changed_by: null,
    status_changed_at: null,
    notify_pending_since: null,
    assignee: null,
  };
}

export function alertRepo(context: RepoContext): AlertRepo {
  const { db, now } = context;
  async function get(id: string): Promise<StoredAlert> {
    const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) {
      throw new NotFoundError(`no alert with id ${id}`);
    }
    return toStoredAlert(row);
  }

  /** Folds into the stored row; undefined when there is none yet. */
  async function fold(row: AlertsTable): Promise<AlertsTable | undefined> {
    return await db
      .updateTable('alerts')
      .set((eb) => ({
        count: eb('count', '+', row.count),
        first_seen: eb
          .case()
          .when('first_seen', '>', row.first_seen)
          .then(row.first_seen)
          .else(eb.ref('first_seen'))
          .end(),
        last_seen: eb
          .case()
          .when('last_seen', '<', row.last_seen)
          .then(row.last_seen)
          .else(eb.ref('last_seen'))
          .end(),
        updated_at: row.updated_at,
      }))
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Folding is the common case, so it goes first (one statement). A miss inserts; an insert
   * that loses a race with another process's insert folds after all, and only the winner
   * reports `created`.
   */
  async function record(
    clusterId: string,
    alert: Alert,
    options: RecordOptions = {}
  ): Promise<RecordedAlert> {
    const row = rowFor(clusterId, alert, now());
    const folded = await fold(row);
    if (folded !== undefined) {
      return { alert: toStoredAlert(folded), created: false };
    }
    if (options.dismissReason !== undefined) {
      row.status = 'dismissed';
      row.dismiss_reason = requiredText(options.dismissReason, 'dismissReason', 2048);
      row.status_changed_by = options.dismissedBy ?? null;
      row.status_changed_at = row.updated_at;
    } else {
      // Set in the insert itself, so a worker dying right after cannot lose the notification.
      row.notify_pending_since = row.updated_at;
    }
    try {
      const inserted = await db
        .insertInto('alerts')
        .values(row)
        .onConflict((conflict) => conflict.column('id').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted !== undefined) {
        return { alert: toStoredAlert(inserted), created: true };
      }
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new NotFoundError(`no cluster with id ${clusterId}`, { cause: error });
      }
      throw error;
    }
    const raced = await fold(row);
    if (raced === undefined) {
      throw new Error(`alert ${row.id} neither inserted nor found`);
    }
    return { alert: toStoredAlert(raced), created: false };
  }

  return {
    async upsert(clusterId, alert) {
      return (await record(clusterId, alert)).alert;
    },

    record,

    get,

    async notifyPending(storedBefore, limit = 500) {
      const rows = await db
        .selectFrom('alerts')
        .selectAll()
        .where('notify_pending_since', 'is not', null)
        .where('notify_pending_since', '<=', storedBefore)
        .orderBy('notify_pending_since')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toStoredAlert);
    },

    async markNotified(id) {
      await db
        .updateTable('alerts')
        .set({ notify_pending_since: null })
        .where('id', '=', id)
        .execute();
    },

    async setStatus(id, status, reason, by) {
      const next = oneOf(status, alertStatuses, 'status');
      const dismissReason = next === 'dismissed' ? requiredText(reason, 'reason', 2048) : null;
      const changedBy = by !== undefined ? requiredText(by, 'by', 512) : null;
      const at = now();
      const updated = await db
        .updateTable('alerts')
        .set({
          status: next,
          dismiss_reason: dismissReason,
          updated_at: at,
          status_changed_by: changedBy,
          status_changed_at: at,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (updated === undefined) {
        throw new NotFoundError(`no alert with id ${id}`);
      }
      return toStoredAlert(updated);
    },

    async assign(id, assignee, by) {
      const name = assignee === null ? null : requiredText(assignee.trim(), 'assignee', 256);
      const at = now();
      const updated = await db
        .updateTable('alerts')
        .set({
          assignee: name,
          updated_at: at,
          ...(by !== undefined ? { status_changed_by: requiredText(by, 'by', 512) } : {}),
          status_changed_at: at,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (updated === undefined) {
        throw new NotFoundError(`no alert with id ${id}`);
      }
      return toStoredAlert(updated);
    },

    list: (query = {}) => listAlerts(db, query),

    async trend(query) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(query.from)) {
        throw new InputError('from: a day as YYYY-MM-DD');
      }
      // Times are stored as ISO-8601 UTC text on both dialects, so the day is the first 10 characters.
      const day = sql<string>`substr(first_seen, 1, 10)`;
      let select = db
        .selectFrom('alerts')
        .where('first_seen', '>=', `${query.from}T00:00:00.000Z`)
        .select([day.as('day'), 'severity', db.fn.countAll<number | string>().as('n')])
        .groupBy([day, 'severity'])
        .orderBy(day);
      if (query.clusterId !== undefined) {
        select = select.where('cluster_id', '=', query.clusterId);
      }
      const days = new Map<string, AlertTrendDay>();
      for (const row of await select.execute()) {
        const entry = days.get(row.day) ?? { day: row.day, counts: {} };
        entry.counts[row.severity as AlertSeverity] = Number(row.n);
        days.set(row.day, entry);
      }
      return [...days.values()];
    },
  };
}
