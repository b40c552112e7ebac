import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { randomSuffix, rejectionOf, type OpenStore } from './contract-support.js';
import type { Store } from './store.js';

const hourMs = 60 * 60 * 1000;

/** Periodic-task claims: one winner per period, whichever server asks. */
export function describeScheduleContract(store: () => Store, open: OpenStore): void {
  describe('schedule runs', () => {
    it('gives a period to one of several servers claiming at once, then to nobody until it passes', async () => {
      const task = `discover-${randomSuffix()}`;
      let clock = new Date('2030-01-01T00:00:00.000Z');
      const servers = await Promise.all([1, 2, 3].map(() => open({ now: () => clock })));
      try {
        const first = await Promise.all(
          servers.map((server) => server.scheduleRuns.claim(task, hourMs))
        );
        expect(first.filter(Boolean)).toHaveLength(1);
        clock = new Date('2030-01-01T00:59:59.000Z');
        const early = await Promise.all(
          servers.map((server) => server.scheduleRuns.claim(task, hourMs))
        );
        expect(early.filter(Boolean)).toHaveLength(0);
        clock = new Date('2030-01-01T01:00:00.000Z');
        const due = await Promise.all(
          servers.map((server) => server.scheduleRuns.claim(task, hourMs))
        );
        expect(due.filter(Boolean)).toHaveLength(1);
      } finally {
        await Promise.all(servers.map((server) => server.close()));
      }
    });

    it('records the outcome of the run and lists tasks with their last run', async () => {
      const task = `assess-${randomSuffix()}`;
      const at = new Date('2031-05-06T07:08:09.010Z');
      const server = await open({ now: () => at });
      try {
        expect(await server.scheduleRuns.claim(task, hourMs)).toBe(true);
        await server.scheduleRuns.recordOutcome(task, '3 jobs published');
      } finally {
        await server.close();
      }
      const listed = (await store().scheduleRuns.list()).find((run) => run.task === task);
      expect(listed).toEqual({
        task,
        lastRun: '2031-05-06T07:08:09.010Z',
        lastOutcome: '3 jobs published',
      });
    });

    it('refuses an empty task name and a period that is not positive', async () => {
      const empty = await rejectionOf(store().scheduleRuns.claim('', hourMs));
      expect(empty).toBeInstanceOf(InputError);
      expect(empty.message).toMatch(/^task:/);
      const zero = await rejectionOf(store().scheduleRuns.claim('x', 0));
      expect(zero).toBeInstanceOf(InputError);
      expect(zero.message).toMatch(/^everyMs:/);
    });
  });
}
