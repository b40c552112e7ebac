import { existsSync } from 'node:fs';
import { NotFoundError } from '../../core/errors.js';
import { readSbom } from '../../sbom/index.js';
import { AdvisoryDb } from '../../vuln/index.js';
import type { Job } from '../queue/index.js';
import { matchInventory } from './advisories.js';
import { recordFailure, storeMatch, withLease, type HandlerContext } from './handle-scan.js';
import { parseRematchJob } from './jobs.js';

/** The build time of the database at `path`, or undefined when there is none. */
function builtAtOf(path: string | undefined): string | undefined {
  if (path === undefined || !existsSync(path)) {
    return undefined;
  }
  const db = AdvisoryDb.open(path);
  try {
    return db.provenance().builtAt;
  } finally {
    db.close();
  }
}

/**
 * The `rematch` handler: the image's stored SBOM is read back and matched against the current
 * advisory database, and the findings history updated; nothing is pulled. An image whose
 * findings already reflect this database build, or without an SBOM or a database, is skipped.
 */
export function rematchHandler(context: HandlerContext): (job: Job) => Promise<void> {
  const { store, logger } = context;
  return async (job) => {
    const request = parseRematchJob(job.payload);
    if (request === undefined) {
      logger.warn({ job: job.id }, 'rematch job is not { imageId }; dropped');
      return;
    }
    const builtAt = builtAtOf(context.advisoryDbPath);
    let sbom: string | undefined;
    try {
      const image = await store.images.get(request.imageId);
      if (builtAt === undefined || image.advisoriesBuiltAt === builtAt) {
        context.stats.skipped += 1;
        return;
      }
      sbom = await store.images.sbom(image.id);
    } catch (error) {
      if (error instanceof NotFoundError) {
        return;
      }
      throw error;
    }
    if (sbom === undefined) {
      context.stats.skipped += 1;
      return;
    }
    const stored = sbom;
    const scan = await store.scans.queue(request.imageId, 'rematch');
    await store.scans.start(scan.id, { worker: context.worker, attempt: job.attempt });
    try {
      await withLease(
        job,
        context.extendEveryMs,
        async () => {
          const inventory = readSbom(JSON.parse(stored), `stored SBOM of image ${request.imageId}`);
          const matched = matchInventory(inventory, context.advisoryDbPath, context.now());
          const open = await storeMatch(store, request.imageId, matched);
          await store.scans.finish(scan.id, {
            packageCount: inventory.packages.length,
            findingCount: open,
            ...(matched.note !== undefined ? { note: matched.note } : {}),
          });
        },
        () => store.scans.heartbeat(scan.id)
      );
      context.stats.rematched += 1;
    } catch (error) {
      await recordFailure(context, job, { id: scan.id, reuse: false }, error);
    }
  };
}
