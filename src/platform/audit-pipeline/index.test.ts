import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvent, podObject } from '../../../test/harness/audit-events.js';
import { openQueue, type Queue } from '../queue/index.js';
import { openStore, type Store } from '../store/index.js';
import { parseAuditBatch, startAuditPipeline, type AuditPipeline } from './index.js';

let dir: string;
let store: Store;
let queue: Queue;
let pipeline: AuditPipeline;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-pipeline-'));
  store = await openStore(`sqlite:${join(dir, 'palisade.db')}`);
  queue = await openQueue('memory:', { retryDelayMs: 10, maxAttempts: 2 });
  // Suppression rules are re-read for every batch here, so a deleted rule stops at once.
  pipeline = startAuditPipeline({ store, queue, suppressionTtlMs: 0 });
  await pipeline.ready;
});

afterEach(async () => {
  await pipeline.close();
  await queue.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function drained(): Promise<void> {
  for (let tries = 0; tries < 400 && (await queue.depth('audit-events')) > 0; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(await queue.depth('audit-events')).toBe(0);
}

const privileged = (): unknown =>
  createEvent('pods', podObject('debug', 'default', {}, { securityContext: { privileged: true } }));

describe('startAuditPipeline', () => {
  it('adds up counts over batches without counting an event twice', async () => {
    const cluster = await store.clusters.add({ name: 'prod', source: 'eks' });
    await queue.publish('audit-events', { clusterId: cluster.id, items: [privileged()] });
    await drained();
    await queue.publish('audit-events', {
      clusterId: cluster.id,
      items: [privileged(), privileged()],
    });
    await drained();
    const { items } = await store.alerts.list({
      clusterId: cluster.id,
      rule: 'privileged-container',
    });
    expect(items).toHaveLength(1);
    expect(items[0]?.count).toBe(3);
    await expect.poll(() => pipeline.stats.batches).toBe(2);
    expect(pipeline.stats.events).toBe(3);
  });

  it('keeps the raw events an alert names as evidence, redacted, once each', async () => {
    const cluster = await store.clusters.add({ name: 'evidence', source: 'eks' });
    const event = createEvent(
      'pods',
      podObject(
        'debug',
        'default',
        {},
        { securityContext: { privileged: true }, env: [{ name: 'TOKEN', value: 'sk-123' }] }
      )
    ) as { auditID: string };
    await queue.publish('audit-events', { clusterId: cluster.id, items: [event] });
    await drained();
    // The same batch again, as a redelivery would bring it: nothing new is counted or kept.
    await queue.publish('audit-events', { clusterId: cluster.id, items: [event] });
    await drained();
    const [alert] = (
      await store.alerts.list({ clusterId: cluster.id, rule: 'privileged-container' })
    ).items;
    expect(alert?.count).toBe(1);
    const kept = await store.alertEvents.list(alert!.id);
    expect(kept.map((entry) => entry.auditId)).toEqual([event.auditID]);
    expect(JSON.stringify(kept[0]?.event)).toContain('"name":"TOKEN"');
    expect(JSON.stringify(kept[0]?.event)).not.toContain('sk-123');
  });

  it('drops malformed jobs and batches of removed clusters instead of retrying them', async () => {
    await queue.publish('audit-events', { items: 'not a batch' });
    await queue.publish('audit-events', { clusterId: randomUUID(), items: [privileged()] });
    await drained();
    expect(await queue.dead('audit-events')).toEqual([]);
    expect((await store.alerts.list()).items).toEqual([]);
  });

  it('stores a new alert a live rule covers already dismissed, until the rule is deleted', async () => {
    const cluster = await store.clusters.add({ name: 'prod', source: 'eks' });
    const other = await store.clusters.add({ name: 'stage', source: 'eks' });
    const rule = await store.suppressionRules.add({
      match: { rules: ['privileged-*'], namespaces: ['default'] },
      clusters: [cluster.id],
      reason: 'debug pods are approved here',
      createdBy: 'test',
    });
    await queue.publish('audit-events', { clusterId: cluster.id, items: [privileged()] });
    await queue.publish('audit-events', { clusterId: other.id, items: [privileged()] });
    await drained();
    const [suppressed] = (await store.alerts.list({ clusterId: cluster.id })).items;
    expect(suppressed).toMatchObject({
      rule: 'privileged-container',
      status: 'dismissed',
      dismissReason: `suppressed by rule ${rule.id}: debug pods are approved here`,
      statusChangedBy: `suppression rule ${rule.id}`,
    });
    const [elsewhere] = (await store.alerts.list({ clusterId: other.id })).items;
    expect(elsewhere?.status).toBe('new');
    expect(pipeline.stats.suppressed).toBe(1);

    await store.suppressionRules.remove(rule.id);
    const third = await store.clusters.add({ name: 'dev', source: 'eks' });
    await store.suppressionRules.add({
      match: { rules: ['privileged-*'] },
      clusters: [third.id],
      reason: 'dev only',
      createdBy: 'test',
    });
    await store.db.deleteFrom('alerts').execute();
    await queue.publish('audit-events', { clusterId: cluster.id, items: [privileged()] });
    await drained();
    const [after] = (await store.alerts.list({ clusterId: cluster.id })).items;
    expect(after?.status).toBe('new');
    expect(pipeline.stats.suppressed).toBe(1);
  });

  it('parses only { clusterId, items[] }', () => {
    expect(parseAuditBatch({ clusterId: 'c', items: [] })).toEqual({ clusterId: 'c', items: [] });
    expect(parseAuditBatch({ clusterId: '', items: [] })).toBeUndefined();
    expect(parseAuditBatch(['c'])).toBeUndefined();
  });
});
