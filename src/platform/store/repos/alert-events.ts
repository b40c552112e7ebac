import { InputError, NotFoundError } from '../../../core/errors.js';
import { isForeignKeyViolation } from '../db-errors.js';
import type { RepoContext } from './context.js';
import { requiredText } from './validate.js';

/** One raw audit event kept as an alert's evidence. */
export interface AlertEvent {
  auditId: string;
  receivedAt: string;
  /** The event as received, after the audit pipeline's redaction. */
  event: unknown;
}

/** How many raw events an alert keeps: the first ones, as the engine's evidence keeps 20 IDs. */
export const alertEventCap = 20;

/** Largest serialized event kept; the pipeline shrinks bigger ones before they get here. */
export const alertEventMaxBytes = 64 * 1024;

export interface AlertEventRepo {
  /**
   * Keeps `events` beside the alert until it holds `alertEventCap`; an audit ID it already
   * holds is skipped, so a redelivered batch adds nothing. Returns how many were added.
   */
  attach(alertId: string, events: readonly { auditId: string; event: unknown }[]): Promise<number>;
  /** Oldest first. */
  list(alertId: string): Promise<AlertEvent[]>;
}

export function alertEventRepo({ db, now }: RepoContext): AlertEventRepo {
  return {
    async attach(alertId, events) {
      const [held] = await db
        .selectFrom('alert_events')
        .where('alert_id', '=', alertId)
        .select(db.fn.countAll<number | string>().as('n'))
        .execute();
      const room = alertEventCap - Number(held?.n ?? 0);
      if (room <= 0 || events.length === 0) {
        return 0;
      }
      const at = now();
      const rows = events.slice(0, room).map((entry) => {
        const event = JSON.stringify(entry.event);
        if (Buffer.byteLength(event) > alertEventMaxBytes) {
          throw new InputError(`event: larger than ${alertEventMaxBytes} bytes`);
        }
        return {
          alert_id: alertId,
          audit_id: requiredText(entry.auditId, 'auditId', 256),
          received_at: at,
          event,
        };
      });
      try {
        const result = await db
          .insertInto('alert_events')
          .values(rows)
          .onConflict((conflict) => conflict.columns(['alert_id', 'audit_id']).doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0);
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError(`no alert with id ${alertId}`, { cause: error });
        }
        throw error;
      }
    },

    async list(alertId) {
      const rows = await db
        .selectFrom('alert_events')
        .selectAll()
        .where('alert_id', '=', alertId)
        .orderBy('received_at')
        .orderBy('audit_id')
        .limit(alertEventCap * 2)
        .execute();
      return rows.map((row) => ({
        auditId: row.audit_id,
        receivedAt: row.received_at,
        event: JSON.parse(row.event) as unknown,
      }));
    },
  };
}
