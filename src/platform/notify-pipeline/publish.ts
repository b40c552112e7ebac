import { alertSeverityOrder, type AlertSeverity } from '../../core/alert.js';
import type { Queue } from '../queue/index.js';
import type { NotificationChannel, Store, StoredAlert } from '../store/index.js';

/** What a `notify` job carries: ids only; the handler reads both fresh from the store. */
export interface NotifyJob {
  alertId: string;
  channelId: string;
}

/** The publish id: the same alert and channel published twice within the window send once. */
export function notifyJobId(job: NotifyJob): string {
  return `notify:${job.alertId}:${job.channelId}`;
}

function atLeast(severity: AlertSeverity, minimum: AlertSeverity): boolean {
  return alertSeverityOrder.indexOf(severity) <= alertSeverityOrder.indexOf(minimum);
}

/** Whether a channel wants this alert: enabled, severe enough, and for its cluster. */
export function channelWants(channel: NotificationChannel, alert: StoredAlert): boolean {
  return (
    channel.enabled &&
    atLeast(alert.severity, channel.minSeverity) &&
    (channel.clusters === undefined || channel.clusters.includes(alert.clusterId))
  );
}

/** Publishes one `notify` job per channel that wants the alert; returns how many. */
export async function publishNotifications(
  { store, queue }: { store: Store; queue: Queue },
  alert: StoredAlert
): Promise<number> {
  const channels = (await store.notificationChannels.list()).filter((channel) =>
    channelWants(channel, alert)
  );
  for (const channel of channels) {
    const job: NotifyJob = { alertId: alert.id, channelId: channel.id };
    await queue.publish('notify', job, { id: notifyJobId(job) });
  }
  return channels.length;
}

/**
 * The outbox sweep: publishes the notifications of new alerts stored at least `graceMs` ago and
 * still pending (their worker died, or its publish failed and the retry went elsewhere), then
 * marks them done. Publishing twice is harmless: the publish ids and the delivery records keep
 * a channel from hearing of an alert twice. Returns how many alerts it published.
 */
export async function publishPendingNotifications(
  { store, queue }: { store: Store; queue: Queue },
  now: Date = new Date(),
  graceMs = 60_000
): Promise<number> {
  const pending = await store.alerts.notifyPending(new Date(now.getTime() - graceMs).toISOString());
  for (const alert of pending) {
    await publishNotifications({ store, queue }, alert);
    await store.alerts.markNotified(alert.id);
  }
  return pending.length;
}
