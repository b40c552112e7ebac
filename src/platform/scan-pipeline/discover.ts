import { NotFoundError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import {
  openRegistryCatalog,
  type ListLimits,
  type RegistryCatalog,
  type RegistryTransportDependencies,
} from '../../image/index.js';
import type { Job, Queue } from '../queue/index.js';
import type { Image, NewImage, Store } from '../store/index.js';
import { parseDiscoverJob, queueScan, type DiscoverJob } from './jobs.js';
import {
  openOptionsFor,
  registryProviders,
  type RegistryAccessOptions,
} from './registry-access.js';

export interface DiscoverContext {
  store: Store;
  queue: Queue;
  logger: Logger;
  access: RegistryAccessOptions;
  limits: Partial<ListLimits>;
  transport: RegistryTransportDependencies;
  stats: { discovered: number; queued: number };
}

/** What one discovery found, for the log. */
interface Found {
  repositories: number;
  images: number;
  queued: number;
  cut: string[];
  failures: string[];
}

/** An image needs a scan unless one is done or already on its way. */
async function needsScan(store: Store, image: Image): Promise<boolean> {
  const latest = await store.scans.latest(image.id);
  if (latest === undefined) {
    return true;
  }
  if (latest.status === 'queued' || latest.status === 'running') {
    return false;
  }
  return (await store.scans.lastDone(image.id)) === undefined;
}

/** Every tag of the repository, grouped by the digest it names now. */
async function digestsOf(
  catalog: RegistryCatalog,
  repository: string,
  context: DiscoverContext,
  found: Found,
  job: Job
): Promise<Map<string, string[]>> {
  const tags = await catalog.tags(repository, context.limits);
  if (tags.truncated) {
    found.cut.push(`${repository}: tags cut at ${tags.names.length}`);
  }
  const byDigest = new Map<string, string[]>();
  for (const tag of tags.names) {
    job.extend();
    try {
      const { digest } = await catalog.resolveTag(repository, tag);
      byDigest.set(digest, [...(byDigest.get(digest) ?? []), tag]);
    } catch (error) {
      // A tag deleted since the list was read is no longer anything to scan.
      if (!(error instanceof NotFoundError)) {
        throw error;
      }
    }
  }
  return byDigest;
}

/** Stores one image and queues its scan when it needs one. */
async function record(
  context: DiscoverContext,
  input: NewImage,
  request: DiscoverJob,
  found: Found
): Promise<void> {
  const { store, queue } = context;
  const { image } = await store.images.upsert(input);
  found.images += 1;
  context.stats.discovered += 1;
  if (await needsScan(store, image)) {
    const { duplicate } = await queueScan(store, queue, image, request.trigger);
    if (!duplicate) {
      found.queued += 1;
      context.stats.queued += 1;
    }
  }
}

async function discover(
  context: DiscoverContext,
  job: Job,
  request: DiscoverJob
): Promise<Found | undefined> {
  const { store } = context;
  let registry;
  try {
    registry = await store.registries.get(request.registryId);
  } catch (error) {
    if (error instanceof NotFoundError) {
      return undefined;
    }
    throw error;
  }
  const { host, open } = openOptionsFor(registry, context.access);
  const catalog = openRegistryCatalog(host, open, {
    providers: registryProviders,
    ...context.transport,
  });
  const found: Found = { repositories: 0, images: 0, queued: 0, cut: [], failures: [] };
  try {
    const repositories = await catalog.repositories(context.limits);
    if (repositories.truncated) {
      found.cut.push(`catalog cut at ${repositories.names.length} repositories`);
    }
    found.repositories = repositories.names.length;
    for (const repository of repositories.names) {
      let byDigest: Map<string, string[]>;
      try {
        byDigest = await digestsOf(catalog, repository, context, found, job);
      } catch (error) {
        // One repository that fails does not hide the others; the job is retried at the end.
        found.failures.push(
          `${repository}: ${error instanceof Error ? error.message : String(error)}`
        );
        continue;
      }
      for (const [digest, tags] of byDigest) {
        await record(
          context,
          { registryId: registry.id, repository, digest, tags },
          request,
          found
        );
      }
    }
  } finally {
    await catalog.close();
  }
  return found;
}

/** The `discover` handler: registry → repositories → tags → digests → images and scan jobs. */
export function discoverHandler(context: DiscoverContext): (job: Job) => Promise<void> {
  const { logger } = context;
  return async (job) => {
    const request = parseDiscoverJob(job.payload);
    if (request === undefined) {
      logger.warn({ job: job.id }, 'discover job is not { registryId, trigger }; dropped');
      return;
    }
    const found = await discover(context, job, request);
    if (found === undefined) {
      logger.info({ registry: request.registryId }, 'discovery for a removed registry; dropped');
      return;
    }
    const { repositories, images, queued, cut, failures } = found;
    logger.info(
      { registry: request.registryId, repositories, images, queued },
      'registry discovered'
    );
    for (const limit of cut) {
      logger.warn({ registry: request.registryId }, `discovery limit reached: ${limit}`);
    }
    if (failures.length > 0) {
      throw new Error(
        `discovery of registry ${request.registryId} failed for ${failures.length} repositories: ${failures.slice(0, 3).join('; ')}`
      );
    }
  };
}
