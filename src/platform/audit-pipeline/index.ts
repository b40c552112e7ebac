import type { Alert } from '../../core/alert.js';
import { NotFoundError } from '../../core/errors.js';
import { isRecord } from '../../core/is-record.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { AuditEngine, rules as allRules } from '../../detect/index.js';
import type { AuditRule, ThreatIntel } from '../../detect/rule/types.js';
import type { Job, Queue } from '../queue/index.js';
import { publishNotifications } from '../notify-pipeline/publish.js';
import type { Store, StoredAlert } from '../store/index.js';
import { keptAuditEvent } from './raw-events.js';
import {
  createSuppressionCache,
  suppressionActor,
  suppressionOf,
  suppressionReason,
} from '../suppression/index.js';

export interface AuditPipelineOptions {
  store: Store;
  queue: Queue;
  logger?: Logger;
  /** Threat lists the rules consult; none by default, so list rules match nothing. */
  intel?: ThreatIntel;
  rules?: readonly AuditRule[];
  /**
   * How long this process trusts the suppression rules it read before reading them again:
   * a rule added or deleted applies within this; 5 s by default.
   */
  suppressionTtlMs?: number;
}

export interface AuditPipeline {
  /** Resolves once the consumer takes work. */
  readonly ready: Promise<void>;
  /**
   * Batches and events this process judged and stored, for metrics and benchmarks, and the new
   * alerts it stored already dismissed by a suppression rule.
   */
  readonly stats: { batches: number; events: number; suppressed: number };
  close(): Promise<void>;
}

/** What the HTTP webhook publishes to `audit-events`. */
export interface AuditBatch {
  clusterId: string;
  items: unknown[];
}

const noIntel: ThreatIntel = {
  torExit: () => undefined,
  maliciousIp: () => undefined,
  minerImage: () => undefined,
};

/** One cluster's engine, and what of its alerts the store has not been told yet. */
interface ClusterState {
  engine: AuditEngine;
  /** Alerts raised or grown since their last successful upsert, by engine alert id. */
  dirty: Map<string, Alert>;
  /** The count the store already holds from this process, by engine alert id. */
  stored: Map<string, number>;
}

export function parseAuditBatch(payload: unknown): AuditBatch | undefined {
  if (!isRecord(payload)) {
    return undefined;
  }
  const { clusterId, items } = payload;
  if (typeof clusterId !== 'string' || clusterId === '' || !Array.isArray(items)) {
    return undefined;
  }
  return { clusterId, items };
}

/**
 * Consumes `audit-events`: each batch goes through its cluster's engine, and every alert the
 * batch raised or grew is upserted with the events it gained since its last upsert (the store
 * adds counts up, so sending the engine's running total would count events twice).
 */
export function startAuditPipeline(options: AuditPipelineOptions): AuditPipeline {
  const { store, queue } = options;
  const logger = options.logger ?? silentLogger;
  const clusters = new Map<string, ClusterState>();
  const stats = { batches: 0, events: 0, suppressed: 0 };
  /** New, unsuppressed alerts whose `notify` jobs are not published yet, by stored id. */
  const unannounced = new Map<string, StoredAlert>();
  const suppressions = createSuppressionCache(store, {
    ...(options.suppressionTtlMs !== undefined ? { ttlMs: options.suppressionTtlMs } : {}),
  });

  function stateFor(clusterId: string): ClusterState {
    let state = clusters.get(clusterId);
    if (state === undefined) {
      const dirty = new Map<string, Alert>();
      const engine = new AuditEngine({
        rules: options.rules ?? allRules,
        intel: options.intel ?? noIntel,
        cluster: clusterId,
        logger,
        onAlert: (alert) => dirty.set(alert.id, alert),
      });
      state = { engine, dirty, stored: new Map() };
      clusters.set(clusterId, state);
    }
    return state;
  }

  /** Stores the alert's new events; a new alert a live rule covers is stored dismissed. */
  async function record(clusterId: string, alert: Alert): Promise<string> {
    const rules = await suppressions.current();
    const rule = suppressionOf(rules, clusterId, alert, new Date().toISOString());
    const { created, alert: stored } = await store.alerts.record(
      clusterId,
      alert,
      rule !== undefined
        ? { dismissReason: suppressionReason(rule), dismissedBy: suppressionActor(rule) }
        : {}
    );
    if (created && rule !== undefined) {
      stats.suppressed += 1;
    } else if (created) {
      unannounced.set(stored.id, stored);
    }
    return stored.id;
  }

  /**
   * One `notify` job per channel that wants each new alert, then the alert leaves the store's
   * outbox. A failed publish keeps the alert pending here and in the store, and throws: the
   * retried job publishes it if this worker takes it, and the outbox sweep
   * (`publishPendingNotifications`) if another does or this one dies. The publish ids make
   * repeats harmless.
   */
  async function announce(): Promise<void> {
    for (const [id, alert] of [...unannounced]) {
      await publishNotifications({ store, queue }, alert);
      await store.alerts.markNotified(id);
      unannounced.delete(id);
    }
  }

  /**
   * Upserts what each dirty alert gained, and keeps the raw events of this batch that its
   * evidence names (redacted; the store keeps an alert's first 20).
   */
  async function flush(
    clusterId: string,
    state: ClusterState,
    batchEvents: ReadonlyMap<string, unknown>
  ): Promise<void> {
    const evidence: { alertId: string; events: { auditId: string; event: unknown }[] }[] = [];
    for (const [id, alert] of [...state.dirty]) {
      const already = state.stored.get(id) ?? 0;
      const gained = alert.count - already;
      if (gained > 0) {
        const alertId = await record(clusterId, { ...alert, count: gained });
        // Counted before the events are kept: a retry after a failed attach must not count
        // the events again (the evidence of that one batch is what a failure costs).
        state.stored.set(id, alert.count);
        // The engine's evidence names an alert's first audit IDs, so once those are kept
        // later batches bring none of them.
        const events = alert.evidence.auditIDs.flatMap((auditId) => {
          const kept = batchEvents.has(auditId)
            ? keptAuditEvent(batchEvents.get(auditId))
            : undefined;
          return kept === undefined ? [] : [kept];
        });
        evidence.push({ alertId, events });
      }
      state.dirty.delete(id);
    }
    await store.alertEvents.attach(evidence);
  }

  function eventsById(items: readonly unknown[]): Map<string, unknown> {
    const byId = new Map<string, unknown>();
    for (const item of items) {
      if (isRecord(item) && typeof item['auditID'] === 'string') {
        byId.set(item['auditID'], item);
      }
    }
    return byId;
  }

  async function handle(job: Job): Promise<void> {
    const batch = parseAuditBatch(job.payload);
    if (batch === undefined) {
      // Retrying cannot mend a malformed job; acknowledge it and say so.
      logger.warn({ job: job.id }, 'audit-events job is not { clusterId, items }; dropped');
      return;
    }
    const state = stateFor(batch.clusterId);
    batch.items.forEach((value, index) => {
      state.engine.event({
        text: '',
        value,
        origin: `audit batch ${job.id} item ${index + 1}`,
        cluster: batch.clusterId,
      });
    });
    try {
      // A retried job finds its events already judged (the engine dedups by audit ID) and
      // only finishes the upserts that failed, which stay dirty.
      await flush(batch.clusterId, state, eventsById(batch.items));
      await announce();
      stats.batches += 1;
      stats.events += batch.items.length;
    } catch (error) {
      if (error instanceof NotFoundError) {
        logger.info({ cluster: batch.clusterId }, 'audit batch for a removed cluster; dropped');
        clusters.delete(batch.clusterId);
        return;
      }
      throw error;
    }
  }

  // One handler at a time: the per-cluster bookkeeping above is not safe to interleave.
  const consumer = queue.consume('audit-events', handle, { concurrency: 1 });
  return {
    ready: consumer.ready,
    stats,
    close: () => consumer.close(),
  };
}
