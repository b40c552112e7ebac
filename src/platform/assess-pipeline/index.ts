import { describeError, isPalisadeError, NotFoundError } from '../../core/errors.js';
import { isRecord } from '../../core/is-record.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { toolVersion } from '../../core/version.js';
import {
  eksDefaultExceptions,
  readClusterWithNodes,
  type ClusterRead,
  type Exception,
  type ReadClusterOptions,
} from '../../posture/index.js';
import type { Job, Queue } from '../queue/index.js';
import type { Store } from '../store/index.js';
import type { AssessJob } from './publish.js';
import { assessAndStore, type RunSettings } from './run.js';

export {
  assessJobId,
  enqueueAssessments,
  publishAssessment,
  type AssessJob,
  type AssessReason,
} from './publish.js';

export interface AssessPipelineOptions {
  store: Store;
  queue: Queue;
  logger?: Logger;
  /** The EKS defaults by default. */
  exceptions?: readonly Exception[];
  /** Clusters assessed at once by this process; 1 by default. */
  concurrency?: number;
  /** Per Kubernetes API call; 30 s by default. */
  timeoutMs?: number;
  /** For clusters without a kubeconfig of their own; `process.env` by default. */
  env?: Record<string, string | undefined>;
  /** How a cluster is read; the posture engine's live source by default. */
  read?: (options: ReadClusterOptions) => Promise<ClusterRead>;
  now?: () => Date;
}

export interface AssessPipeline {
  /** Resolves once the consumer takes work. */
  readonly ready: Promise<void>;
  /** Runs this process finished, for metrics and tests. */
  readonly stats: { succeeded: number; failed: number };
  close(): Promise<void>;
}

export function parseAssessJob(payload: unknown): AssessJob | undefined {
  if (!isRecord(payload)) {
    return undefined;
  }
  const { clusterId } = payload;
  return typeof clusterId === 'string' && clusterId !== '' && clusterId.length <= 512
    ? { clusterId }
    : undefined;
}

/** How often a running job renews its lease: well inside the queue's 30 s default. */
const extendEveryMs = 10_000;

/**
 * Consumes `assess`: reads the cluster (kubeconfig path, inline kubeconfig or the worker's
 * own), runs every posture check with the EKS default exceptions, and stores the
 * recommendations, nodes, workloads, the day's metering and the run. A cluster that cannot be
 * read (unreachable, credentials refused, a bad kubeconfig) is a failed run with the reason,
 * acknowledged: the next schedule tries again. Store failures throw, so the queue retries.
 */
export function startAssessPipeline(options: AssessPipelineOptions): AssessPipeline {
  const { store, queue } = options;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const stats = { succeeded: 0, failed: 0 };
  const settings: RunSettings = {
    read: options.read ?? readClusterWithNodes,
    exceptions: options.exceptions ?? eksDefaultExceptions,
    toolVersion,
    timeoutMs: options.timeoutMs ?? 30_000,
    env: options.env ?? process.env,
    logger,
    now,
  };

  async function handle(job: Job): Promise<void> {
    const parsed = parseAssessJob(job.payload);
    if (parsed === undefined) {
      logger.warn({ job: job.id }, 'assess job is not { clusterId }; dropped');
      return;
    }
    let connection;
    try {
      connection = await store.clusters.connection(parsed.clusterId);
    } catch (error) {
      if (error instanceof NotFoundError) {
        logger.info({ cluster: parsed.clusterId }, 'assess job for a removed cluster; dropped');
        return;
      }
      throw error;
    }
    await store.assessments.start({
      id: job.id,
      clusterId: parsed.clusterId,
      attempt: job.attempt,
      at: now().toISOString(),
    });
    if (connection.cluster.source !== 'kubeconfig-context') {
      await store.assessments.fail(
        job.id,
        now().toISOString(),
        `clusters of source ${connection.cluster.source} are not assessed yet`
      );
      stats.failed += 1;
      return;
    }
    const lease = setInterval(() => {
      job.extend();
    }, extendEveryMs);
    try {
      await assessAndStore(store, job.id, connection, settings);
      stats.succeeded += 1;
      logger.info({ cluster: parsed.clusterId, run: job.id }, 'cluster assessed');
    } catch (error) {
      if (error instanceof NotFoundError) {
        logger.info({ cluster: parsed.clusterId }, 'cluster removed while it was assessed');
        return;
      }
      if (!isPalisadeError(error)) {
        throw error;
      }
      // The cluster could not be read: say why on the run; retrying now would fail the same.
      await store.assessments.fail(job.id, now().toISOString(), describeError(error));
      stats.failed += 1;
      logger.warn(
        { cluster: parsed.clusterId, run: job.id, reason: describeError(error) },
        'cluster assessment failed'
      );
    } finally {
      clearInterval(lease);
    }
  }

  const consumer = queue.consume('assess', handle, { concurrency: options.concurrency ?? 1 });
  return { ready: consumer.ready, stats, close: () => consumer.close() };
}
