import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvent, podObject } from '../../../test/harness/audit-events.js';
import { startAuditPipeline, type AuditPipeline } from '../audit-pipeline/index.js';
import { startHttpReceiver, type HttpReceiver } from '../notify/test-support.js';
import { openQueue, type Queue, type Topic } from '../queue/index.js';
import { testSecretKey } from '../store/contract.js';
import { engineAlert } from '../store/contract-support.js';
import { openStore, type Store } from '../store/index.js';
import {
  alertLink,
  parseNotifyJob,
  publishPendingNotifications,
  startNotifyPipeline,
  type NotifyPipeline,
} from './index.js';

const maxAttempts = 3;
const hmacSecret = 'pipeline-hmac-secret-0123456789';

let dir: string;
let store: Store;
let queue: Queue;
let audit: AuditPipeline;
let notify: NotifyPipeline;
let receiver: HttpReceiver;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-notify-'));
  store = await openStore(`sqlite:${join(dir, 'palisade.db')}`, {
    env: { PALISADE_SECRET_KEY: testSecretKey },
  });
  queue = await openQueue('memory:', { retryDelayMs: 10, maxAttempts });
  audit = startAuditPipeline({ store, queue, suppressionTtlMs: 0 });
  notify = startNotifyPipeline({
    store,
    queue,
    publicUrl: 'https://palisade.example/',
    version: '9.9.9',
    timeoutMs: 5000,
  });
  receiver = await startHttpReceiver();
  await Promise.all([audit.ready, notify.ready]);
});

afterEach(async () => {
  await audit.close();
  await notify.close();
  await queue.close();
  await receiver.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function drained(...topics: Topic[]): Promise<void> {
  for (const topic of topics) {
    await expect.poll(() => queue.depth(topic), { timeout: 20_000, interval: 20 }).toBe(0);
  }
}

const privileged = (name = 'debug'): unknown =>
  createEvent('pods', podObject(name, 'default', {}, { securityContext: { privileged: true } }));

async function webhookChannel(
  name: string,
  extra: { minSeverity?: 'critical'; enabled?: boolean } = {}
) {
  return await store.notificationChannels.add({
    name,
    kind: 'webhook',
    config: { url: `${receiver.url}/${name}`, secret: hmacSecret },
    target: receiver.url,
    ...extra,
  });
}

describe('notifications from the audit pipeline', () => {
  it('sends a new alert once to each channel that wants it, signed, with its link', async () => {
    const cluster = await store.clusters.add({ name: 'prod', source: 'eks' });
    await webhookChannel('wanted');
    await webhookChannel('critical-only', { minSeverity: 'critical' });
    await webhookChannel('disabled', { enabled: false });
    const other = await store.clusters.add({ name: 'other', source: 'eks' });
    await store.notificationChannels.add({
      name: 'other-cluster',
      kind: 'webhook',
      config: { url: `${receiver.url}/other-cluster` },
      target: receiver.url,
      clusters: [other.id],
    });

    await queue.publish('audit-events', { clusterId: cluster.id, items: [privileged()] });
    await drained('audit-events', 'notify');
    await queue.publish('audit-events', { clusterId: cluster.id, items: [privileged()] });
    await drained('audit-events', 'notify');

    expect(receiver.received.map((request) => request.url)).toEqual(['/wanted']);
    const [request] = receiver.received;
    const body = request?.body ?? '';
    expect(request?.headers['x-palisade-signature-256']).toBe(
      `sha256=${createHmac('sha256', hmacSecret).update(body).digest('hex')}`
    );
    const sent = JSON.parse(body) as {
      type: string;
      clusterName: string;
      link: string;
      alert: { id: string; rule: string; status: string };
      palisade: { version: string };
    };
    const [stored] = (await store.alerts.list({ clusterId: cluster.id })).items;
    expect(sent).toMatchObject({
      type: 'alert',
      clusterName: 'prod',
      palisade: { version: '9.9.9' },
      alert: { id: stored?.id, rule: 'privileged-container', status: 'new' },
      link: `https://palisade.example/api/v1/alerts/${encodeURIComponent(stored?.id ?? '')}`,
    });
    expect(notify.stats).toMatchObject({ sent: 1, failed: 0 });
    expect(await store.alerts.notifyPending('2999-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('publishes from the outbox what a worker that died after storing an alert left', async () => {
    const cluster = await store.clusters.add({ name: 'prod', source: 'eks' });
    await webhookChannel('outbox');
    // Stored by a worker that died before publishing: only the store knows.
    const { alert } = await store.alerts.record(cluster.id, engineAlert({ id: 'orphan' }));
    const storedAt = new Date(alert.updatedAt);
    const sweep = (secondsLater: number) =>
      publishPendingNotifications(
        { store, queue },
        new Date(storedAt.getTime() + secondsLater * 1000),
        60_000
      );
    expect(await sweep(30)).toBe(0);
    expect(await sweep(61)).toBe(1);
    await drained('notify');
    expect(receiver.received.map((request) => request.url)).toEqual(['/outbox']);
    expect(await sweep(120)).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it('does not notify an alert a suppression rule dismissed', async () => {
    const cluster = await store.clusters.add({ name: 'prod', source: 'eks' });
    await webhookChannel('all');
    await store.suppressionRules.add({
      match: { rules: ['privileged-container'] },
      reason: 'approved',
      createdBy: 'test',
    });
    await queue.publish('audit-events', { clusterId: cluster.id, items: [privileged()] });
    await drained('audit-events', 'notify');
    expect(audit.stats.suppressed).toBe(1);
    expect((await store.alerts.list()).items.map((alert) => alert.status)).toEqual(['dismissed']);
    expect(receiver.received).toEqual([]);
    expect(notify.stats).toEqual({ sent: 0, failed: 0, skipped: 0 });
  });

  it('retries a channel that fails, until it recovers', async () => {
    const cluster = await store.clusters.add({ name: 'prod', source: 'eks' });
    const channel = await webhookChannel('flaky');
    receiver.script = [500];
    await queue.publish('audit-events', { clusterId: cluster.id, items: [privileged()] });
    await drained('audit-events', 'notify');
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]?.body).not.toBe('');
    const [alert] = (await store.alerts.list()).items;
    expect(await store.notificationChannels.delivery(alert?.id ?? '', channel.id)).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    expect(notify.stats).toMatchObject({ sent: 1, failed: 1 });
    expect(await queue.dead('notify')).toEqual([]);
  });

  it('dead-letters a delivery to a channel that always fails, after its attempts', async () => {
    const cluster = await store.clusters.add({ name: 'prod', source: 'eks' });
    const channel = await webhookChannel('broken');
    receiver.answer = { status: 502, body: 'bad gateway' };
    await queue.publish('audit-events', { clusterId: cluster.id, items: [privileged()] });
    await drained('audit-events', 'notify');
    const [alert] = (await store.alerts.list()).items;
    const alertId = alert?.id ?? '';
    const dead = await queue.dead('notify');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      id: `notify:${alertId}:${channel.id}`,
      attempts: maxAttempts,
      payload: { alertId, channelId: channel.id },
    });
    expect(dead[0]?.error).toBe(`${receiver.url}/… answered 502: bad gateway`);
    expect(receiver.received).toHaveLength(maxAttempts);
    expect(await store.notificationChannels.delivery(alertId, channel.id)).toMatchObject({
      status: 'failing',
      attempts: maxAttempts,
      lastError: `${receiver.url}/… answered 502: bad gateway`,
    });
  });

  it('sends once when a job is published twice, or delivered again after it was sent', async () => {
    const cluster = await store.clusters.add({ name: 'prod', source: 'eks' });
    const channel = await webhookChannel('once');
    const { alert } = await store.alerts.record(cluster.id, engineAlert({ id: 'x' }));
    const job = { alertId: alert.id, channelId: channel.id };
    const id = `notify:${alert.id}:${channel.id}`;
    await queue.publish('notify', job, { id });
    expect((await queue.publish('notify', job, { id })).duplicate).toBe(true);
    await drained('notify');
    await queue.publish('notify', job, { id: `${id}:later` });
    await drained('notify');
    expect(receiver.received).toHaveLength(1);
    expect(notify.stats).toMatchObject({ sent: 1, skipped: 1 });
  });

  it('drops malformed jobs and jobs whose alert or channel is gone', async () => {
    const cluster = await store.clusters.add({ name: 'prod', source: 'eks' });
    const channel = await webhookChannel('gone');
    const { alert } = await store.alerts.record(cluster.id, engineAlert({ id: 'y' }));
    await queue.publish('notify', { alertId: 5 });
    await queue.publish('notify', { alertId: 'nope', channelId: channel.id });
    await queue.publish('notify', { alertId: alert.id, channelId: 'nope' });
    await drained('notify');
    expect(receiver.received).toEqual([]);
    expect(await queue.dead('notify')).toEqual([]);
    expect(notify.stats).toMatchObject({ sent: 0, skipped: 3 });
  });

  it('parses only { alertId, channelId } and builds the link from the public URL', () => {
    expect(parseNotifyJob({ alertId: 'a', channelId: 'c' })).toEqual({
      alertId: 'a',
      channelId: 'c',
    });
    expect(parseNotifyJob({ alertId: '', channelId: 'c' })).toBeUndefined();
    expect(alertLink('https://p.example//', 'c:a/b')).toBe(
      'https://p.example/api/v1/alerts/c%3Aa%2Fb'
    );
  });
});
