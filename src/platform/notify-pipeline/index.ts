import { describeError, InputError, NotFoundError } from '../../core/errors.js';
import { isRecord } from '../../core/is-record.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { toolVersion } from '../../core/version.js';
import { defaultSendTimeoutMs, parseChannel, type NotifyMessage } from '../notify/index.js';
import type { Job, Queue } from '../queue/index.js';
import type { Store } from '../store/index.js';
import type { NotifyJob } from './publish.js';

export {
  channelWants,
  notifyJobId,
  publishNotifications,
  publishPendingNotifications,
  type NotifyJob,
} from './publish.js';

export interface NotifyPipelineOptions {
  store: Store;
  queue: Queue;
  logger?: Logger;
  /** Where people reach the API (`https://palisade.example`), for the alert's link; none without. */
  publicUrl?: string;
  /** For the CEF header and user agent; the package's version by default. */
  version?: string;
  /** Deadline of one send; 10 s by default. */
  timeoutMs?: number;
  /** Sends at once in this process; 4 by default. */
  concurrency?: number;
}

export interface NotifyPipeline {
  readonly ready: Promise<void>;
  /** Sends that succeeded and failed in this process, and jobs dropped with nothing to send. */
  readonly stats: { sent: number; failed: number; skipped: number };
  close(): Promise<void>;
}

export function parseNotifyJob(payload: unknown): NotifyJob | undefined {
  if (!isRecord(payload)) {
    return undefined;
  }
  const { alertId, channelId } = payload;
  if (
    typeof alertId !== 'string' ||
    alertId === '' ||
    typeof channelId !== 'string' ||
    channelId === ''
  ) {
    return undefined;
  }
  return { alertId, channelId };
}

/** `<public URL>/api/v1/alerts/<id>`. */
export function alertLink(publicUrl: string, alertId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/v1/alerts/${encodeURIComponent(alertId)}`;
}

/**
 * Consumes `notify`: sends one alert to one channel. A failed send throws, so the queue retries
 * it with backoff and dead-letters it after its attempts; a delivery already recorded as sent
 * (a redelivery after a lost acknowledgement) is not sent again.
 */
export function startNotifyPipeline(options: NotifyPipelineOptions): NotifyPipeline {
  const { store, queue } = options;
  const logger = options.logger ?? silentLogger;
  const stats = { sent: 0, failed: 0, skipped: 0 };
  const timeoutMs = options.timeoutMs ?? defaultSendTimeoutMs;

  function skip(job: Job, why: string): void {
    stats.skipped += 1;
    logger.info({ job: job.id }, `notify job dropped: ${why}`);
  }

  async function handle(job: Job): Promise<void> {
    const parsed = parseNotifyJob(job.payload);
    if (parsed === undefined) {
      skip(job, 'not { alertId, channelId }');
      return;
    }
    const { alertId, channelId } = parsed;
    let message: NotifyMessage;
    let channel;
    try {
      channel = await store.notificationChannels.getWithConfig(channelId);
      const alert = await store.alerts.get(alertId);
      const cluster = await store.clusters.get(alert.clusterId);
      message = {
        type: 'alert',
        alert,
        clusterName: cluster.name,
        ...(options.publicUrl !== undefined
          ? { link: alertLink(options.publicUrl, alert.id) }
          : {}),
        version: options.version ?? toolVersion,
        sentAt: new Date().toISOString(),
      };
    } catch (error) {
      if (error instanceof NotFoundError) {
        skip(job, `${error.message} (removed since)`);
        return;
      }
      throw error;
    }
    if (!channel.enabled) {
      skip(job, `channel ${channel.name} is disabled`);
      return;
    }
    if ((await store.notificationChannels.delivery(alertId, channelId))?.status === 'sent') {
      skip(job, `already sent to ${channel.name}`);
      return;
    }
    let sender;
    try {
      sender = parseChannel(channel.kind, channel.config);
    } catch (error) {
      if (!(error instanceof InputError)) {
        throw error;
      }
      // A stored config this version cannot read: retrying will not mend it.
      await store.notificationChannels.recordDelivery(alertId, channelId, {
        status: 'failing',
        error: describeError(error),
      });
      stats.failed += 1;
      logger.error(
        { channel: channel.name, kind: channel.kind },
        `channel config unusable: ${describeError(error)}`
      );
      return;
    }
    try {
      await sender.send(message, { timeoutMs });
    } catch (error) {
      stats.failed += 1;
      const reason = describeError(error);
      await store.notificationChannels.recordDelivery(alertId, channelId, {
        status: 'failing',
        error: reason,
      });
      logger.warn(
        { channel: channel.name, target: sender.target, alert: alertId, attempt: job.attempt },
        `notification failed: ${reason}`
      );
      throw error;
    }
    await store.notificationChannels.recordDelivery(alertId, channelId, { status: 'sent' });
    stats.sent += 1;
  }

  const consumer = queue.consume('notify', handle, { concurrency: options.concurrency ?? 4 });
  return { ready: consumer.ready, stats, close: () => consumer.close() };
}
