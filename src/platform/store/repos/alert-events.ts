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
   * Keeps each alert's `events` beside it until it holds `alertEventCap`; an audit ID it already
   * holds is skipped, so a redelivered batch adds nothing. One batch's alerts go in one call:
   * two statements, however many alerts. Returns how many events were added.
   */
  attach(
    entries: readonly { alertId: string; events: readonly { auditId: string; event: unknown }[] }[]
  ): Promise<number>;
  /** Oldest first. */
  list(alertId: string): Promise<AlertEvent[]>;
}

export function alertEventRepo({ db, now }: RepoContext): AlertEventRepo {
  return {
    async attach(entries) {
      const wanted = entries.filter((entry) => entry.events.length > 0);
      if (wanted.length === 0) {
        return 0;
      }
      const held = await db
        .selectFrom('alert_events')
        .where(
          'alert_id',
          'in',
          wanted.map((entry) => entry.alertId)
        )
        .select(['alert_id', db.fn.countAll<number | string>().as('n')])
        .groupBy('alert_id')
        .execute();
      const heldBy = new Map(held.map((row) => [row.alert_id, Number(row.n)]));
      const at = now();
      const rows = wanted.flatMap((entry) =>
        entry.events
          .slice(0, Math.max(0, alertEventCap - (heldBy.get(entry.alertId) ?? 0)))
          .map((kept) => {
            const event = JSON.stringify(kept.event);
            if (Buffer.byteLength(event) > alertEventMaxBytes) {
              throw new InputError(`event: larger than ${alertEventMaxBytes} bytes`);
            }
            return {
              alert_id: entry.alertId,
              audit_id: requiredText(kept.auditId, 'auditId', 256),
              received_at: at,
              event,
            };
          })
      );
      let added = 0;
      try {
        // 4 columns a row: 500 rows stay far below both dialects' parameter caps.
        for (let start = 0; start < rows.length; start += 500) {
          const result = await db
            .insertInto('alert_events')
            .values(rows.slice(start, start + 500))
            .onConflict((conflict) => conflict.columns(['alert_id', 'audit_id']).doNothing())
            .executeTakeFirst();
          added += Number(result.numInsertedOrUpdatedRows ?? 0);
        }
      } catch (error) {
        if (isForeignKeyViolation(error)) {
          throw new NotFoundError('an alert whose events were kept no longer exists', {
            cause: error,
          });
        }
        throw error;
      }
      return added;
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
