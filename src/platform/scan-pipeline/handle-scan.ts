import { AuthenticationError, InputError, NotFoundError, UsageError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Job } from '../queue/index.js';
import type { Image, Scan, Store } from '../store/index.js';
import { matchInventory, type Matched } from './advisories.js';
import { parseScanJob } from './jobs.js';
import { inventoryOf, sbomOf, type PullContext } from './run-scan.js';

export interface ScanStats {
  scanned: number;
  skipped: number;
  failed: number;
  rematched: number;
}

export interface HandlerContext extends PullContext {
  logger: Logger;
  advisoryDbPath: string | undefined;
  /** The queue's attempts: on the last one a failure is final. */
  maxAttempts: number;
  /** How often a running job renews its lease. */
  extendEveryMs: number;
  /** `host:pid`, recorded on the scans this process runs. */
  worker: string;
  now: () => Date;
  stats: ScanStats;
}

/** Failures another attempt cannot mend: the image or the access is wrong, not the network. */
function isPermanent(error: unknown): boolean {
  return (
    error instanceof NotFoundError ||
    error instanceof AuthenticationError ||
    error instanceof UsageError ||
    error instanceof InputError
  );
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How often a running scan tells the store its worker is alive (`scans.heartbeat_at`). */
export const heartbeatMs = 30_000;

/**
 * Runs `work` while renewing the job's lease, so a long pull is not handed to another worker,
 * and (when given) beating `beat` so the store can tell a live run from one whose worker died.
 */
export async function withLease<T>(
  job: Job,
  everyMs: number,
  work: () => Promise<T>,
  beat?: () => Promise<void>
): Promise<T> {
  const timers = [setInterval(() => job.extend(), everyMs)];
  if (beat !== undefined) {
    // A missed beat is harmless: the next one, or the end of the scan, catches up.
    timers.push(setInterval(() => void beat().catch(() => undefined), heartbeatMs));
  }
  for (const timer of timers) {
    timer.unref();
  }
  try {
    return await work();
  } finally {
    for (const timer of timers) {
      clearInterval(timer);
    }
  }
}

/**
 * Stores what a match gave. Without a database nothing is replaced: an empty match would
 * otherwise mark every open finding fixed.
 */
export async function storeMatch(store: Store, imageId: string, matched: Matched): Promise<number> {
  if (matched.builtAt === undefined) {
    const counts = await store.findings.counts(imageId);
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }
  const changes = await store.findings.replace(imageId, matched.findings);
  await store.images.setAdvisories(imageId, matched.builtAt);
  return changes.open;
}

/**
 * Records a failed attempt: final (the scan `failed`, the job acknowledged) when another
 * attempt cannot help or none is left, else the job throws for the queue's retry. A scan that
 * the retry runs again (`reuse`) goes back to queued with the error; one the retry replaces
 * (a re-match makes a new row per attempt) ends failed now.
 */
export async function recordFailure(
  context: HandlerContext,
  job: Job,
  scan: { id: string; reuse: boolean },
  error: unknown
): Promise<void> {
  const message = messageOf(error);
  const final = isPermanent(error) || job.attempt >= context.maxAttempts;
  if (final || !scan.reuse) {
    await context.store.scans.fail(scan.id, message);
  }
  if (final) {
    context.stats.failed += 1;
    context.logger.warn({ scan: scan.id, attempt: job.attempt, error: message }, 'scan failed');
    return;
  }
  if (scan.reuse) {
    await context.store.scans.retry(scan.id, message);
  }
  throw error;
}

async function runScan(context: HandlerContext, job: Job, scan: Scan, image: Image): Promise<void> {
  const { store } = context;
  await store.scans.start(scan.id, { worker: context.worker, attempt: job.attempt });
  try {
    const beat = () => store.scans.heartbeat(scan.id);
    await withLease(
      job,
      context.extendEveryMs,
      async () => {
        const inventory = await inventoryOf(context, image);
        const now = context.now();
        const matched = matchInventory(inventory, context.advisoryDbPath, now);
        await store.images.setSbom(image.id, await sbomOf(inventory), now.toISOString());
        const open = await storeMatch(store, image.id, matched);
        await store.scans.finish(scan.id, {
          packageCount: inventory.packages.length,
          findingCount: open,
          ...(matched.note !== undefined ? { note: matched.note } : {}),
        });
      },
      beat
    );
    context.stats.scanned += 1;
  } catch (error) {
    await recordFailure(context, job, { id: scan.id, reuse: true }, error);
  }
}

/**
 * The `scan` handler. A scan already finished (a redelivery) and, unless asked for on demand,
 * an image that already has a done scan are acknowledged without pulling anything.
 */
export function scanHandler(context: HandlerContext): (job: Job) => Promise<void> {
  const { store, logger } = context;
  return async (job) => {
    const request = parseScanJob(job.payload);
    if (request === undefined) {
      logger.warn({ job: job.id }, 'scan job is not { scanId, imageId, digest, trigger }; dropped');
      return;
    }
    let scan: Scan;
    let image: Image;
    try {
      scan = await store.scans.get(request.scanId);
      image = await store.images.get(request.imageId);
    } catch (error) {
      if (error instanceof NotFoundError) {
        logger.info({ scan: request.scanId }, 'scan of a removed image; dropped');
        return;
      }
      throw error;
    }
    if (scan.status === 'done' || scan.status === 'failed') {
      return;
    }
    if (request.trigger !== 'demand') {
      const done = await store.scans.lastDone(image.id);
      if (done !== undefined && done.id !== scan.id) {
        await store.scans.discard(scan.id);
        context.stats.skipped += 1;
        return;
      }
    }
    await runScan(context, job, scan, image);
  };
}
