import { describe, expect, it } from 'vitest';
import { describeQueueContract, eventually, sleep } from '../../contract.js';
import { openQueue } from '../../index.js';
import { DedupWindow } from './dedup-window.js';

describeQueueContract('memory', (options) => openQueue('memory:', options));

describe('memory queue', () => {
  it('is the queue when no URL is given', async () => {
    const queue = await openQueue(undefined);
    expect(queue.driver).toBe('memory');
    await queue.close();
  });

  it('redelivers to the same consumer when it has a free slot after the lease', async () => {
    const queue = await openQueue('memory:', { leaseMs: 100 });
    const attempts: number[] = [];
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    queue.consume(
      'notify',
      async (job) => {
        attempts.push(job.attempt);
        if (job.attempt === 1) {
          await stuck;
        }
      },
      { concurrency: 2 }
    );
    await queue.publish('notify', { alert: 1 });
    await eventually('second attempt', () => attempts.length === 2);
    expect(attempts).toEqual([1, 2]);
    // The first handler settling late is ignored: the job is not handled a third time.
    release();
    await sleep(50);
    expect(attempts).toEqual([1, 2]);
    expect(await queue.depth('notify')).toBe(0);
    await queue.close();
  });

  it('keeps ids for the window only, and a bounded number of them', () => {
    const window = new DedupWindow(1_000, 3);
    expect(window.isDuplicate('a', 0)).toBe(false);
    expect(window.isDuplicate('a', 999)).toBe(true);
    expect(window.isDuplicate('a', 1_000)).toBe(false);
    for (const id of ['b', 'c', 'd']) {
      expect(window.isDuplicate(id, 1_001)).toBe(false);
    }
    expect(window.size).toBe(3);
    // `a` was the oldest and made room for `d`.
    expect(window.isDuplicate('a', 1_002)).toBe(false);
  });
});
