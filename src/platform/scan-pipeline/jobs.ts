import { isRecord } from '../../core/is-record.js';
import type { Queue } from '../queue/index.js';
import type { ScanTrigger, Store } from '../store/index.js';

/** A `discover` job: enumerate this registry and queue a scan of every image not yet scanned. */
export interface DiscoverJob {
  registryId: string;
  trigger: Exclude<ScanTrigger, 'rematch'>;
}

/** A `scan` job: run this queued scan of this image. */
export interface ScanJob {
  scanId: string;
  imageId: string;
  digest: string;
  trigger: Exclude<ScanTrigger, 'rematch'>;
}

/** A `rematch` job: match the image's stored SBOM against the current advisory database. */
export interface RematchJob {
  imageId: string;
}

const pullTriggers = ['added', 'schedule', 'demand'] as const;

function pullTrigger(value: unknown): DiscoverJob['trigger'] | undefined {
  return pullTriggers.find((trigger) => trigger === value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= 512 ? value : undefined;
}

export function parseDiscoverJob(payload: unknown): DiscoverJob | undefined {
  if (!isRecord(payload)) {
    return undefined;
  }
  const registryId = text(payload['registryId']);
  const trigger = pullTrigger(payload['trigger']);
  return registryId === undefined || trigger === undefined ? undefined : { registryId, trigger };
}

export function parseScanJob(payload: unknown): ScanJob | undefined {
  if (!isRecord(payload)) {
    return undefined;
  }
  const scanId = text(payload['scanId']);
  const imageId = text(payload['imageId']);
  const digest = text(payload['digest']);
  const trigger = pullTrigger(payload['trigger']);
  return scanId === undefined ||
    imageId === undefined ||
    digest === undefined ||
    trigger === undefined
    ? undefined
    : { scanId, imageId, digest, trigger };
}

export function parseRematchJob(payload: unknown): RematchJob | undefined {
  const imageId = isRecord(payload) ? text(payload['imageId']) : undefined;
  return imageId === undefined ? undefined : { imageId };
}

/** Publishes a registry's discovery; `added` and `demand` ones are never dropped as repeats. */
export async function publishDiscovery(
  queue: Queue,
  registryId: string,
  trigger: DiscoverJob['trigger']
): Promise<void> {
  const job: DiscoverJob = { registryId, trigger };
  await queue.publish('discover', job, {
    // The scheduler's ticks fold within the dedup window; a person's request always goes.
    ...(trigger === 'schedule' ? { id: `discover-${registryId}-schedule` } : {}),
  });
}

/**
 * Queues a scan of the image and publishes its job. Discovery's jobs are deduplicated by image
 * and digest, so two discoveries at once queue one scan; the row a dropped publish left is
 * discarded. An on-demand rescan always goes (its id is the scan's).
 */
export async function queueScan(
  store: Store,
  queue: Queue,
  image: { id: string; digest: string },
  trigger: ScanJob['trigger']
): Promise<{ scanId: string; duplicate: boolean }> {
  const scan = await store.scans.queue(image.id, trigger);
  const job: ScanJob = { scanId: scan.id, imageId: image.id, digest: image.digest, trigger };
  const id =
    trigger === 'demand' ? `scan-${scan.id}` : `scan-${image.id}-${image.digest.replace(':', '-')}`;
  try {
    const published = await queue.publish('scan', job, { id });
    if (published.duplicate) {
      await store.scans.discard(scan.id);
    }
    return { scanId: scan.id, duplicate: published.duplicate };
  } catch (error) {
    await store.scans.discard(scan.id).catch(() => undefined);
    throw error;
  }
}

/** For the scheduler: one discovery per registry. Returns how many jobs were published. */
export async function enqueueRegistryDiscovery(store: Store, queue: Queue): Promise<number> {
  const registries = await store.registries.list();
  for (const registry of registries) {
    await publishDiscovery(queue, registry.id, 'schedule');
  }
  return registries.length;
}

/**
 * For the scheduler (after an advisory database update): one re-match per image with a stored
 * SBOM. Returns how many jobs were published.
 */
export async function enqueueRematch(store: Store, queue: Queue): Promise<number> {
  let published = 0;
  let after: string | undefined;
  for (;;) {
    const ids = await store.images.withSbom(after, 500);
    if (ids.length === 0) {
      return published;
    }
    for (const imageId of ids) {
      const job: RematchJob = { imageId };
      await queue.publish('rematch', job);
      published += 1;
    }
    after = ids[ids.length - 1];
  }
}
