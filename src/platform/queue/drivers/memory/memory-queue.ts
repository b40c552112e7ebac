import {
  checkTopic,
  closedError,
  concurrencyOf,
  encodePayload,
  jobId,
  resolvePolicy,
  type QueuePolicy,
} from '../../policy.js';
import type {
  ConsumeOptions,
  Consumer,
  DeadJob,
  DeadOptions,
  JobHandler,
  PublishOptions,
  PublishResult,
  Queue,
  QueueOptions,
  Topic,
} from '../../types.js';
import { MemoryTopic, type Worker } from './memory-topic.js';

/** The in-process queue: the semantics of the NATS one, without durability. */
export class MemoryQueue implements Queue {
  readonly driver = 'memory';
  private readonly policy: QueuePolicy;
  private readonly topics = new Map<Topic, MemoryTopic>();
  private readonly consumers = new Set<MemoryConsumer>();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(options: QueueOptions) {
    this.policy = resolvePolicy(options);
  }

  publish(topic: Topic, payload: unknown, options: PublishOptions = {}): Promise<PublishResult> {
    return Promise.resolve().then(() => {
      if (this.closed) {
        throw closedError();
      }
      const state = this.topic(topic);
      const id = jobId(options.id);
      const text = encodePayload(this.policy, payload);
      return { id, duplicate: !state.add(id, text) };
    });
  }

  consume(topic: Topic, handler: JobHandler, options: ConsumeOptions = {}): Consumer {
    if (this.closed) {
      throw closedError();
    }
    const consumer = new MemoryConsumer(this.topic(topic), handler, concurrencyOf(options), () =>
      this.consumers.delete(consumer)
    );
    this.consumers.add(consumer);
    return consumer;
  }

  depth(topic: Topic): Promise<number> {
    return Promise.resolve(this.topics.get(checkTopic(topic))?.depth ?? 0);
  }

  dead(topic: Topic, options: DeadOptions = {}): Promise<DeadJob[]> {
    const limit = options.limit ?? 100;
    return Promise.resolve(this.topics.get(checkTopic(topic))?.dead(limit) ?? []);
  }

  close(): Promise<void> {
    this.closed = true;
    this.closing ??= (async () => {
      await Promise.all([...this.consumers].map((consumer) => consumer.close()));
      for (const state of this.topics.values()) {
        state.stop();
      }
    })();
    return this.closing;
  }

  private topic(name: Topic): MemoryTopic {
    const topic = checkTopic(name);
    let state = this.topics.get(topic);
    if (!state) {
      state = new MemoryTopic(topic, this.policy);
      this.topics.set(topic, state);
    }
    return state;
  }
}

class MemoryConsumer implements Consumer, Worker {
  readonly ready = Promise.resolve();
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly state: MemoryTopic,
    readonly handler: JobHandler,
    private readonly concurrency: number,
    private readonly onClosed: () => void
  ) {
    state.attach(this);
  }

  get topic(): Topic {
    return this.state.topic;
  }

  hasRoom(): boolean {
    return !this.closed && this.running.size < this.concurrency;
  }

  run(work: () => Promise<void>): void {
    // A microtask first: a handler never runs inside the publish or dispatch that gave it work.
    const running: Promise<void> = Promise.resolve()
      .then(work)
      // `work` settles the job itself, handler errors included; nothing else may leak a slot.
      .catch(() => undefined)
      .then(() => {
        this.running.delete(running);
        this.state.dispatch();
      });
    this.running.add(running);
  }

  close(): Promise<void> {
    this.closed = true;
    this.closing ??= (async () => {
      this.state.detach(this);
      while (this.running.size > 0) {
        await Promise.allSettled([...this.running]);
      }
      this.onClosed();
    })();
    return this.closing;
  }
}
