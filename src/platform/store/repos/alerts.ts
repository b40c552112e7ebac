import type { Alert } from '../../../core/alert.js';
import { alertSeverityOrder } from '../../../core/alert.js';
import { InputError, NotFoundError } from '../../../core/errors.js';
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

export interface AlertRepo {
  /**
   * Stores the engine's alert for a cluster, or folds it into the one stored: counts add up,
   * first and last seen widen, and the status (a dismissal, say) stays as it was.
   */
  upsert(clusterId: string, alert: Alert): Promise<StoredAlert>;
  get(id: string): Promise<StoredAlert>;
  /** `dismissed` needs a reason; any other status clears it. */
  setStatus(id: string, status: AlertStatus, reason?: string): Promise<StoredAlert>;
  list(query?: AlertQuery): Promise<Page<StoredAlert>>;
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

  return {
    async upsert(clusterId, alert) {
      const row = rowFor(clusterId, alert, now());
      try {
        const stored = await db
          .insertInto('alerts')
          .values(row)
          .onConflict((conflict) =>
            conflict.column('id').doUpdateSet((eb) => ({
              count: eb(eb.ref('alerts.count'), '+', eb.ref('excluded.count')),
              first_seen: eb
                .case()
                .when(eb.ref('excluded.first_seen'), '<', eb.ref('alerts.first_seen'))
                .then(eb.ref('excluded.first_seen'))
                .else(eb.ref('alerts.first_seen'))
                .end(),
              last_seen: eb
                .case()
                .when(eb.ref('excluded.last_seen'), '>', eb.ref('alerts.last_seen'))
                .then(eb.ref('excluded.last_seen'))
                .else(eb.ref('alerts.last_seen'))
                .end(),
              updated_at: eb.ref('excluded.updated_at'),
            }))
          )
          .returningAll()
          .executeTakeFirstOrThrow();
        return toStoredAlert(stored);
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`no cluster with id ${clusterId}`, { cause: error });
        }
        throw error;
      }
    },

    get,

    async setStatus(id, status, reason) {
      const next = oneOf(status, alertStatuses, 'status');
      const dismissReason = next === 'dismissed' ? requiredText(reason, 'reason', 2048) : null;
      const updated = await db
        .updateTable('alerts')
        .set({ status: next, dismiss_reason: dismissReason, updated_at: now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (updated === undefined) {
        throw new NotFoundError(`no alert with id ${id}`);
      }
      return toStoredAlert(updated);
    },

    list: (query = {}) => listAlerts(db, query),
  };
}
