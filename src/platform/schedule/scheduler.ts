import { silentLogger, type Logger } from '../../core/logger.js';
import type { Store } from '../store/index.js';

/** A periodic task: publishes jobs, so that whichever worker is free does the work. */
export interface ScheduledTask {
  /** Stable id, the key of its claim in the store (`discover-registries`). */
  id: string;
  everyMs: number;
  /** Returns how many things it did: jobs published, unless `unit` says otherwise. */
  run(): Promise<number>;
  /** What `run` counts, for the recorded outcome; `jobs published` by default. */
  unit?: string;
}

export interface SchedulerOptions {
  store: Store;
  tasks: readonly ScheduledTask[];
  logger?: Logger;
  /** How often the scheduler asks whether a task is due; 30 s by default. */
  tickMs?: number;
}

export interface Scheduler {
  /** Runs one tick now: every due task this server wins the claim of. For tests. */
  tick(): Promise<void>;
  /** No new ticks; waits for a running one. */
  close(): Promise<void>;
}

/**
 * Starts the platform's periodic tasks. Every server runs a scheduler, and the store's claim
 * (see `scheduleRuns.claim`) lets one of them run each task per period, so adding servers
 * neither multiplies the work nor needs them to talk to each other. A server that dies after
 * claiming loses that period's run; the next period runs as usual.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const logger = options.logger ?? silentLogger;
  const { store, tasks } = options;
  let running: Promise<void> | undefined;
  let closed = false;

  async function runTask(task: ScheduledTask): Promise<void> {
    if (!(await store.scheduleRuns.claim(task.id, task.everyMs))) {
      return;
    }
    try {
      const count = await task.run();
      const outcome = `${count} ${task.unit ?? 'jobs published'}`;
      logger.info({ task: task.id, outcome }, 'scheduled task ran');
      await store.scheduleRuns.recordOutcome(task.id, outcome);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error({ task: task.id, err: error }, 'scheduled task failed');
      await store.scheduleRuns.recordOutcome(task.id, `failed: ${message}`);
    }
  }

  async function tickOnce(): Promise<void> {
    for (const task of tasks) {
      if (closed) {
        return;
      }
      try {
        await runTask(task);
      } catch (error) {
        // The store itself failed (a lost connection): the next tick tries again.
        logger.warn({ task: task.id, err: error }, 'could not claim a scheduled task');
      }
    }
  }

  function tick(): Promise<void> {
    running ??= tickOnce().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => void tick(), options.tickMs ?? 30_000);
  timer.unref();
  void tick();

  return {
    tick,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
