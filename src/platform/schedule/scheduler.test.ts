import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.js';
import { openStore, type Store } from '../store/index.js';
import { parseInterval } from './duration.js';
import { startScheduler, type ScheduledTask } from './scheduler.js';

const root = mkdtempSync(join(tmpdir(), 'palisade-schedule-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const hourMs = 60 * 60 * 1000;
let stores = 0;

async function storeAt(clock: () => Date): Promise<{ path: string; store: Store }> {
  stores += 1;
  const path = join(root, `s${stores}`, 'palisade.db');
  return { path, store: await openStore(`sqlite:${path}`, { env: {}, now: clock }) };
}

function countingTask(id: string, result: () => number): ScheduledTask & { runs: number } {
  const task = {
    id,
    everyMs: hourMs,
    runs: 0,
    run() {
      task.runs += 1;
      return Promise.resolve(result());
    },
  };
  return task;
}

describe('scheduler', () => {
  it('runs each due task once per period across two servers on one database', async () => {
    let now = new Date('2030-01-01T00:00:00.000Z');
    const { path, store: one } = await storeAt(() => now);
    const two = await openStore(`sqlite:${path}`, { env: {}, now: () => now });
    const onOne = countingTask('discover-registries', () => 2);
    const onTwo = countingTask('discover-registries', () => 2);
    const schedulers = [
      startScheduler({ store: one, tasks: [onOne], tickMs: hourMs }),
      startScheduler({ store: two, tasks: [onTwo], tickMs: hourMs }),
    ];
    try {
      await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
      expect(onOne.runs + onTwo.runs).toBe(1);
      await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
      expect(onOne.runs + onTwo.runs).toBe(1);
      now = new Date('2030-01-01T01:00:00.000Z');
      await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
      expect(onOne.runs + onTwo.runs).toBe(2);
      expect(await one.scheduleRuns.list()).toEqual([
        {
          task: 'discover-registries',
          lastRun: '2030-01-01T01:00:00.000Z',
          lastOutcome: '2 jobs published',
        },
      ]);
    } finally {
      await Promise.all(schedulers.map((scheduler) => scheduler.close()));
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('records a failing task and still runs the others', async () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const { store } = await storeAt(() => now);
    const failing: ScheduledTask = {
      id: 'assess-clusters',
      everyMs: hourMs,
      run: () => Promise.reject(new Error('queue is closed')),
    };
    const fine = countingTask('rematch-images', () => 0);
    const scheduler = startScheduler({ store, tasks: [failing, fine], tickMs: hourMs });
    try {
      await scheduler.tick();
      expect(fine.runs).toBe(1);
      expect(await store.scheduleRuns.list()).toEqual([
        {
          task: 'assess-clusters',
          lastRun: now.toISOString(),
          lastOutcome: 'failed: queue is closed',
        },
        { task: 'rematch-images', lastRun: now.toISOString(), lastOutcome: '0 jobs published' },
      ]);
    } finally {
      await scheduler.close();
      await store.close();
    }
  });
});

describe('parseInterval', () => {
  it('reads whole numbers with a unit, and off', () => {
    expect(parseInterval('90s', '--x')).toBe(90_000);
    expect(parseInterval('30m', '--x')).toBe(30 * 60_000);
    expect(parseInterval('6h', '--x')).toBe(6 * hourMs);
    expect(parseInterval('1d', '--x')).toBe(24 * hourMs);
    expect(parseInterval('off', '--x')).toBeUndefined();
  });

  it.each(['', '6', 'h', '1.5h', '-1h', '1w', '10s', '0m'])(
    'refuses %j naming the flag',
    (text) => {
      expect(() => parseInterval(text, '--assess-interval')).toThrow(UsageError);
      expect(() => parseInterval(text, '--assess-interval')).toThrow(/^--assess-interval must/);
    }
  );
});
