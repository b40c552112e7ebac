import {
  deadLetterLimit,
  errorText,
  leaseLostError,
  retryDelay,
  type QueuePolicy,
} from '../../policy.js';
import type { DeadJob, Job, JobHandler, Topic } from '../../types.js';
import { DedupWindow } from './dedup-window.js';

/** A published job; `delivery` names its current delivery so a late, stale handler is ignored. */
interface Entry {
  id: string;
  text: string;
  attempt: number;
  delivery: number;
  timer?: NodeJS.Timeout;
}

/** What the topic needs from a consumer: its handler and whether it has a free slot. */
export interface Worker {
  readonly handler: JobHandler;
  hasRoom(): boolean;
  /** Runs one delivery in a slot of this worker. */
  run(work: () => Promise<void>): void;
}

/**
 * One topic's jobs in memory. A job is in exactly one place: `ready`, `waiting` (a retry delay
 * or nothing), `leased` (a handler has it), or the dead letter. The lease is a timer: a handler
 * that has not settled (nor called `extend`) when it fires loses the job, which goes back to
 * `ready` for any worker with room, the way JetStream redelivers after `ack_wait`.
 */
export class MemoryTopic {
  private readonly ready: Entry[] = [];
  private readonly waiting = new Set<Entry>();
  private readonly leased = new Set<Entry>();
  private readonly buried: DeadJob[] = [];
  private readonly dedup: DedupWindow;
  private readonly workers: Worker[] = [];
  private turn = 0;
  private deliveries = 0;

  constructor(
    readonly topic: Topic,
    private readonly policy: QueuePolicy
  ) {
    this.dedup = new DedupWindow(policy.dedupWindowMs);
  }

  /** Adds a job unless its id was seen within the window; true when it was added. */
  add(id: string, text: string): boolean {
    if (this.dedup.isDuplicate(id)) {
      return false;
    }
    this.ready.push({ id, text, attempt: 0, delivery: 0 });
    this.dispatch();
    return true;
  }

  get depth(): number {
    return this.ready.length + this.waiting.size + this.leased.size;
  }

  dead(limit: number): DeadJob[] {
    return this.buried.slice(0, limit).map((job) => ({ ...job }));
  }

  attach(worker: Worker): void {
    this.workers.push(worker);
    this.dispatch();
  }

  detach(worker: Worker): void {
    const index = this.workers.indexOf(worker);
    if (index >= 0) {
      this.workers.splice(index, 1);
    }
  }

  /** Hands ready jobs to workers with room, taking turns so several workers share the work. */
  dispatch(): void {
    while (this.ready.length > 0) {
      const worker = this.nextWithRoom();
      const entry = worker ? this.ready.shift() : undefined;
      if (!worker || !entry) {
        return;
      }
      this.deliver(worker, entry);
    }
  }

  /** Stops every timer; jobs still here are lost with the process, as documented. */
  stop(): void {
    for (const entry of [...this.waiting, ...this.leased]) {
      clearTimeout(entry.timer);
    }
    this.waiting.clear();
    this.leased.clear();
    this.ready.length = 0;
  }

  private nextWithRoom(): Worker | undefined {
    for (let step = 0; step < this.workers.length; step++) {
      const index = (this.turn + step) % this.workers.length;
      const worker = this.workers[index];
      if (worker?.hasRoom()) {
        this.turn = index + 1;
        return worker;
      }
    }
    return undefined;
  }

  private deliver(worker: Worker, entry: Entry): void {
    entry.attempt += 1;
    const delivery = ++this.deliveries;
    entry.delivery = delivery;
    this.leased.add(entry);
    this.startLease(entry, delivery);
    const job: Job = {
      id: entry.id,
      topic: this.topic,
      payload: JSON.parse(entry.text) as unknown,
      attempt: entry.attempt,
      extend: () => {
        if (this.holds(entry, delivery)) {
          this.startLease(entry, delivery);
        }
      },
    };
    worker.run(async () => {
      try {
        await worker.handler(job);
      } catch (error) {
        this.fail(entry, delivery, error);
        return;
      }
      this.finish(entry, delivery);
    });
  }

  private holds(entry: Entry, delivery: number): boolean {
    return entry.delivery === delivery && this.leased.has(entry);
  }

  private startLease(entry: Entry, delivery: number): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      this.expire(entry, delivery);
    }, this.policy.leaseMs);
  }

  private finish(entry: Entry, delivery: number): void {
    if (this.holds(entry, delivery)) {
      clearTimeout(entry.timer);
      this.leased.delete(entry);
    }
  }

  private fail(entry: Entry, delivery: number, error: unknown): void {
    if (!this.holds(entry, delivery)) {
      return;
    }
    clearTimeout(entry.timer);
    this.leased.delete(entry);
    const message = errorText(error);
    this.policy.logger.warn(
      { topic: this.topic, id: entry.id, attempt: entry.attempt, error: message },
      'queue job failed'
    );
    if (entry.attempt >= this.policy.maxAttempts) {
      this.bury(entry, message);
      return;
    }
    this.waiting.add(entry);
    entry.timer = setTimeout(
      () => {
        this.waiting.delete(entry);
        this.ready.push(entry);
        this.dispatch();
      },
      retryDelay(this.policy, entry.attempt)
    );
  }

  private expire(entry: Entry, delivery: number): void {
    if (!this.holds(entry, delivery)) {
      return;
    }
    this.leased.delete(entry);
    this.policy.logger.warn(
      { topic: this.topic, id: entry.id, attempt: entry.attempt },
      'queue job lease expired'
    );
    if (entry.attempt >= this.policy.maxAttempts) {
      this.bury(entry, leaseLostError(this.policy, entry.attempt));
      return;
    }
    this.ready.push(entry);
    this.dispatch();
  }

  private bury(entry: Entry, error: string): void {
    this.buried.push({
      id: entry.id,
      topic: this.topic,
      payload: JSON.parse(entry.text) as unknown,
      attempts: entry.attempt,
      error,
      deadAt: new Date().toISOString(),
    });
    if (this.buried.length > deadLetterLimit) {
      this.buried.shift();
    }
  }
}
