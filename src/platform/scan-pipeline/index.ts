import { hostname } from 'node:os';
import { silentLogger, type Logger } from '../../core/logger.js';
import type { ListLimits, RegistryTransportDependencies } from '../../image/index.js';
import type { Queue } from '../queue/index.js';
import type { Store } from '../store/index.js';
import { discoverHandler } from './discover.js';
import { rematchHandler } from './handle-rematch.js';
import { scanHandler, type ScanStats } from './handle-scan.js';
import type { RegistryAccessOptions } from './registry-access.js';

export {
  enqueueRegistryDiscovery,
  enqueueRematch,
  parseDiscoverJob,
  parseRematchJob,
  parseScanJob,
  publishDiscovery,
  queueScan,
  type DiscoverJob,
  type RematchJob,
  type ScanJob,
} from './jobs.js';
export { registryHost } from './registry-access.js';
export { noDatabaseNote } from './advisories.js';
export { reapSilentScans, silentAfterMs } from './reap.js';

export interface ScanPipelineOptions {
  store: Store;
  queue: Queue;
  logger?: Logger;
  /** The advisory database file; without one (or without the file) scans list packages only. */
  advisoryDbPath?: string;
  /** Images scanned at once by this process; 2 by default. */
  scanConcurrency?: number;
  /** The queue's attempts per job (the queue's `maxAttempts`); 5 by default. */
  maxAttempts?: number;
  /**
   * How often a running job renews its lease; 2 s by default, well inside the default lease
   * (30 s) and a short one a test sets (`&lease=` on the NATS URL).
   */
  extendEveryMs?: number;
  /** Caps on what one discovery reads (repositories, tags per repository, page size). */
  listLimits?: Partial<ListLimits>;
  /** Registry requests: timeout, retries, the platform picked from multi-platform images. */
  registry?: Partial<Omit<RegistryAccessOptions, 'logger'>>;
  /** Tests: a faster backoff. */
  transport?: Pick<RegistryTransportDependencies, 'backoff'>;
  now?: () => Date;
}

export interface ScanPipelineStats extends ScanStats {
  /** Images upserted by discoveries, and scans those queued. */
  discovered: number;
  queued: number;
}

export interface ScanPipeline {
  /** Resolves once every consumer takes work. */
  readonly ready: Promise<void>;
  readonly stats: ScanPipelineStats;
  close(): Promise<void>;
}

/**
 * Consumes `discover` (registry → images → scan jobs), `scan` (pull, list packages, store the
 * SBOM, match, store findings) and `rematch` (stored SBOM against the current database).
 */
export function startScanPipeline(options: ScanPipelineOptions): ScanPipeline {
  const { store, queue } = options;
  const logger = options.logger ?? silentLogger;
  const stats: ScanPipelineStats = {
    discovered: 0,
    queued: 0,
    scanned: 0,
    skipped: 0,
    failed: 0,
    rematched: 0,
  };
  const access: RegistryAccessOptions = {
    logger,
    timeoutMs: options.registry?.timeoutMs ?? 60_000,
    maxRetries: options.registry?.maxRetries ?? 4,
    platform: options.registry?.platform ?? { os: 'linux', architecture: 'amd64' },
  };
  const transport = options.transport ?? {};
  const context = {
    store,
    logger,
    access,
    transport,
    layerConcurrency: 3,
    advisoryDbPath: options.advisoryDbPath,
    maxAttempts: options.maxAttempts ?? 5,
    extendEveryMs: options.extendEveryMs ?? 2_000,
    worker: `${hostname()}:${process.pid}`,
    now: options.now ?? (() => new Date()),
    stats,
  };
  const consumers = [
    queue.consume(
      'discover',
      discoverHandler({
        store,
        queue,
        logger,
        access,
        limits: options.listLimits ?? {},
        transport,
        stats,
      }),
      { concurrency: 1 }
    ),
    queue.consume('scan', scanHandler(context), { concurrency: options.scanConcurrency ?? 2 }),
    queue.consume('rematch', rematchHandler(context), { concurrency: 2 }),
  ];
  return {
    ready: Promise.all(consumers.map((consumer) => consumer.ready)).then(() => undefined),
    stats,
    close: async () => {
      await Promise.all(consumers.map((consumer) => consumer.close()));
    },
  };
}
