/**
 * The behaviour every queue driver promises, as one suite each driver's test file runs:
 * `describeQueueContract('memory', (options) => openQueue('memory:', options))`. Waits poll
 * with a generous deadline and nothing asserts how long anything took.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../core/errors.js';
import type { Job, Queue, QueueOptions, Topic } from './types.js';

export type OpenQueue = (options: QueueOptions) => Promise<Queue>;

export interface ContractSettings {
  /** The lease the suite opens queues with: short, for the redelivery tests. */
  leaseMs: number;
}

const deadlineMs = 30_000;

/** Polls until `check` holds; fails with `what` after the deadline. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>) {
  const until = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > until) {
      throw new Error(`gave up waiting: ${what}`);
    }
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise a test opens by hand; every gate is opened after each test, whatever happened. */
class Gates {
  private readonly openers: (() => void)[] = [];

  make(): { wait: Promise<void>; open: () => void } {
    let open: () => void = () => undefined;
    const wait = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.openers.push(open);
    return { wait, open };
  }

  openAll(): void {
    for (const open of this.openers.splice(0)) {
      open();
    }
  }
}

export function describeQueueContract(
  name: string,
  open: OpenQueue,
  settings: ContractSettings = { leaseMs: 300 }
): void {
  describe(`queue contract: ${name}`, () => {
    const queues: Queue[] = [];
    const gates = new Gates();
    const topic: Topic = 'scan';

    async function openQueue(options: QueueOptions = {}): Promise<Queue> {
      const queue = await open({
        leaseMs: settings.leaseMs,
        retryDelayMs: 10,
        maxRetryDelayMs: 40,
        ...options,
      });
      queues.push(queue);
      return queue;
    }

    afterEach(async () => {
      gates.openAll();
      await Promise.all(queues.splice(0).map((queue) => queue.close()));
    });

    it('delivers every published job once, payload intact, when handlers succeed', async () => {
      const queue = await openQueue();
      const seen: Job[] = [];
      queue.consume(topic, (job) => Promise.resolve(void seen.push(job)), { concurrency: 4 });
      const published = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          queue.publish(topic, { n, image: `registry/app:${n}`, labels: { tier: 'web' } })
        )
      );
      await eventually('20 jobs handled', () => seen.length >= 20);
      await eventually('depth back to 0', async () => (await queue.depth(topic)) === 0);
      expect(seen.map((job) => job.id).sort()).toEqual(published.map((p) => p.id).sort());
      expect(seen.map((job) => (job.payload as { n: number }).n).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, n) => n)
      );
      expect(seen[0]?.payload).toMatchObject({ labels: { tier: 'web' } });
      expect(seen.every((job) => job.attempt === 1 && job.topic === topic)).toBe(true);
      expect(published.every((p) => !p.duplicate)).toBe(true);
    });

    it('retries a failing handler, then dead-letters it with the last error', async () => {
      const queue = await openQueue({ maxAttempts: 3 });
      const attempts: number[] = [];
      queue.consume(topic, (job) => {
        attempts.push(job.attempt);
        return Promise.reject(new Error(`registry answered 503 on attempt ${job.attempt}`));
      });
      const { id } = await queue.publish(topic, { image: 'registry/broken:1' });
      await eventually('one dead job', async () => (await queue.dead(topic)).length === 1);
      const [dead] = await queue.dead(topic);
      expect(dead).toMatchObject({
        id,
        topic,
        payload: { image: 'registry/broken:1' },
        attempts: 3,
        error: 'registry answered 503 on attempt 3',
      });
      expect(Number.isNaN(Date.parse(dead?.deadAt ?? ''))).toBe(false);
      expect(attempts).toEqual([1, 2, 3]);
      expect(await queue.depth(topic)).toBe(0);
      expect(await queue.dead('notify')).toEqual([]);
    });

    it('drops a second publish of the same id within the dedup window', async () => {
      const queue = await openQueue();
      const first = await queue.publish(topic, { try: 1 }, { id: 'sha256:abc' });
      const second = await queue.publish(topic, { try: 2 }, { id: 'sha256:abc' });
      const other = await queue.publish(topic, { try: 3 }, { id: 'sha256:def' });
      expect([first.duplicate, second.duplicate, other.duplicate]).toEqual([false, true, false]);
      expect(second.id).toBe('sha256:abc');
      expect(await queue.depth(topic)).toBe(2);
      const seen: unknown[] = [];
      queue.consume(topic, (job) => Promise.resolve(void seen.push(job.payload)));
      await eventually('two jobs handled', async () => (await queue.depth(topic)) === 0);
      expect(seen).toHaveLength(2);
      expect(seen).toContainEqual({ try: 1 });
      expect(seen).toContainEqual({ try: 3 });
    });

    it('never runs more handlers of a consumer at once than its concurrency', async () => {
      const queue = await openQueue();
      let inFlight = 0;
      let most = 0;
      let done = 0;
      queue.consume(
        topic,
        async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await sleep(40);
          inFlight -= 1;
          done += 1;
        },
        { concurrency: 3 }
      );
      await Promise.all(Array.from({ length: 12 }, (_, n) => queue.publish(topic, { n })));
      await eventually('12 jobs handled', () => done === 12);
      expect(most).toBeLessThanOrEqual(3);
      expect(most).toBeGreaterThan(1);
    });

    it('close() waits for a running handler before it resolves', async () => {
      const queue = await openQueue();
      const gate = gates.make();
      const events: string[] = [];
      let started = false;
      queue.consume(topic, async () => {
        started = true;
        await gate.wait;
        events.push('handler finished');
      });
      await queue.publish(topic, { image: 'registry/slow:1' });
      await eventually('handler started', () => started);
      const closed = queue.close().then(() => events.push('queue closed'));
      await sleep(100);
      expect(events).toEqual([]);
      gate.open();
      await closed;
      expect(events).toEqual(['handler finished', 'queue closed']);
      await expect(queue.publish(topic, {})).rejects.toBeInstanceOf(UsageError);
    });

    it('shares a topic between two consumers, each job handled once', async () => {
      const queue = await openQueue();
      const byConsumer = { a: [] as string[], b: [] as string[] };
      for (const name of ['a', 'b'] as const) {
        const consumer = queue.consume(topic, async (job) => {
          byConsumer[name].push(job.id);
          await sleep(30);
        });
        await consumer.ready;
      }
      const published = await Promise.all(
        Array.from({ length: 10 }, (_, n) => queue.publish(topic, { n }))
      );
      await eventually('10 jobs handled', () => byConsumer.a.length + byConsumer.b.length >= 10);
      await eventually('depth back to 0', async () => (await queue.depth(topic)) === 0);
      expect([...byConsumer.a, ...byConsumer.b].sort()).toEqual(published.map((p) => p.id).sort());
      expect(byConsumer.a.length).toBeGreaterThan(0);
      expect(byConsumer.b.length).toBeGreaterThan(0);
    });

    it('redelivers a job to another consumer when its handler outlives the lease', async () => {
      const queue = await openQueue();
      const stuck = gates.make();
      const taken: Job[] = [];
      const first = queue.consume(topic, async (job) => {
        taken.push(job);
        await stuck.wait;
      });
      await first.ready;
      const { id } = await queue.publish(topic, { image: 'registry/hang:1' });
      await eventually('the first consumer holds the job', () => taken.length === 1);
      const finished: Job[] = [];
      queue.consume(topic, (job) => Promise.resolve(void finished.push(job)));
      await eventually('the job redelivered', () => finished.length === 1);
      expect(finished[0]).toMatchObject({ id, attempt: 2, payload: { image: 'registry/hang:1' } });
      await eventually('depth back to 0', async () => (await queue.depth(topic)) === 0);
    });

    it('dead-letters a job whose last attempt lost its lease', async () => {
      const queue = await openQueue({ maxAttempts: 1 });
      const stuck = gates.make();
      let taken = 0;
      const first = queue.consume(topic, async () => {
        taken += 1;
        await stuck.wait;
      });
      await first.ready;
      await queue.publish(topic, { image: 'registry/crash:1' });
      await eventually('the job taken', () => taken === 1);
      // The spare delivery (NATS) goes to whichever consumer has room: this one.
      queue.consume(topic, () => Promise.reject(new Error('never runs')));
      await eventually('one dead job', async () => (await queue.dead(topic)).length === 1);
      const [dead] = await queue.dead(topic);
      expect(dead?.attempts).toBe(1);
      expect(dead?.error).toMatch(/lease of \d+ ms expired on attempt 1/);
      expect(taken).toBe(1);
    });

    it('keeps the lease of a long job that calls extend()', async () => {
      const queue = await openQueue();
      const deliveries: number[] = [];
      let done = false;
      for (let n = 0; n < 2; n++) {
        await queue.consume(topic, async (job) => {
          deliveries.push(job.attempt);
          for (let beat = 0; beat < 8; beat++) {
            await sleep(settings.leaseMs / 4);
            job.extend();
          }
          done = true;
        }).ready;
      }
      await queue.publish(topic, { image: 'registry/big:1' });
      await eventually('the long job done', () => done);
      await eventually('depth back to 0', async () => (await queue.depth(topic)) === 0);
      expect(deliveries).toEqual([1]);
    });

    it('counts published, unfinished jobs in depth', async () => {
      const queue = await openQueue();
      expect(await queue.depth(topic)).toBe(0);
      for (let n = 0; n < 3; n++) {
        await queue.publish(topic, { n });
      }
      await queue.publish('assess', { cluster: 'prod' });
      expect(await queue.depth(topic)).toBe(3);
      expect(await queue.depth('assess')).toBe(1);
      queue.consume(topic, () => Promise.resolve());
      await eventually('depth back to 0', async () => (await queue.depth(topic)) === 0);
      expect(await queue.depth('assess')).toBe(1);
    });

    it('refuses an unknown topic, a payload JSON cannot carry or too big, and a bad id', async () => {
      const queue = await openQueue({ maxPayloadBytes: 100 });
      await expect(queue.publish('scna' as Topic, {})).rejects.toBeInstanceOf(UsageError);
      await expect(queue.publish(topic, undefined)).rejects.toBeInstanceOf(InputError);
      await expect(queue.publish(topic, { n: 1n })).rejects.toBeInstanceOf(InputError);
      await expect(queue.publish(topic, 'x'.repeat(200))).rejects.toThrow(/over the limit of 100/);
      await expect(queue.publish(topic, {}, { id: '' })).rejects.toBeInstanceOf(UsageError);
      await expect(queue.publish(topic, {}, { id: 'a b' })).rejects.toBeInstanceOf(UsageError);
      expect(() => queue.consume(topic, () => Promise.resolve(), { concurrency: 0 })).toThrow(
        UsageError
      );
      expect(await queue.depth(topic)).toBe(0);
      await expect(open({ maxAttempts: 0 })).rejects.toBeInstanceOf(UsageError);
    });
  });
}
