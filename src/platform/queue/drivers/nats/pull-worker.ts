import type { Consumer as JsConsumer, ConsumerMessages, JetStreamClient, JsMsg } from 'nats';
import { errorText, leaseLostError, retryDelay, type QueuePolicy } from '../../policy.js';
import type { Consumer, Job, JobHandler, Topic } from '../../types.js';
import { buryMessage } from './dead-letter.js';
import type { TopicLayout } from './layout.js';

/** What a worker needs from its queue: the topic's objects and a way to reach its consumer. */
export interface PullContext {
  topic: Topic;
  layout: TopicLayout;
  policy: QueuePolicy;
  js: JetStreamClient;
  /** The durable consumer, created (idempotently) on first use. */
  durable(): Promise<JsConsumer>;
  /** Forgets the durable after a failed pull, so the next pull makes sure it exists again. */
  forget(): void;
}

/** How long one pull waits for work before the next; JetStream's client wants at least 1 s. */
const pullExpiresMs = 5_000;
const pauseAfterErrorMs = 1_000;

/**
 * A pull loop on the topic's shared durable consumer. It asks for no more messages than it
 * has free handler slots, so a message never waits in a local buffer while its lease runs.
 */
export class PullWorker implements Consumer {
  readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private readonly running = new Set<Promise<void>>();
  private readonly sleepers = new Set<() => void>();
  private stopped = false;
  private batch: ConsumerMessages | undefined;
  private readonly loop: Promise<void>;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly context: PullContext,
    private readonly handler: JobHandler,
    private readonly concurrency: number,
    private readonly onClosed: () => void
  ) {
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.loop = this.pullLoop();
  }

  get topic(): Topic {
    return this.context.topic;
  }

  close(): Promise<void> {
    this.stopped = true;
    this.closing ??= (async () => {
      this.batch?.stop();
      this.wake();
      await this.loop;
      while (this.running.size > 0) {
        await Promise.allSettled([...this.running]);
      }
      this.onClosed();
    })();
    return this.closing;
  }

  /** Read through a call: `close()` flips the flag while this loop awaits. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private async pullLoop(): Promise<void> {
    while (!this.stopped) {
      try {
        const durable = await this.context.durable();
        this.markReady();
        await this.pullOnce(durable);
      } catch (error) {
        if (this.isStopped()) {
          break;
        }
        this.context.policy.logger.warn(
          { topic: this.topic, error: errorText(error) },
          'queue pull failed; retrying'
        );
        this.context.forget();
        await this.sleep(pauseAfterErrorMs);
      }
    }
    this.markReady();
  }

  private async pullOnce(durable: JsConsumer): Promise<void> {
    while (!this.stopped && this.running.size >= this.concurrency) {
      await this.sleep(pullExpiresMs);
    }
    if (this.stopped) {
      return;
    }
    const batch = await durable.fetch({
      max_messages: this.concurrency - this.running.size,
      expires: pullExpiresMs,
    });
    this.batch = batch;
    if (this.isStopped()) {
      batch.stop();
    }
    let received = 0;
    try {
      for await (const msg of batch) {
        received += 1;
        if (this.isStopped()) {
          // Arrived while closing: hand it straight back rather than hold it for a lease.
          msg.nak();
          continue;
        }
        this.start(msg);
      }
    } finally {
      this.batch = undefined;
    }
    if (received === 0 && !this.isStopped()) {
      // A pull on a consumer deleted between two fetches ends empty rather than failing, and
      // would go on ending empty; asking the server about it throws, and the loop makes it again.
      await durable.info(false);
    }
  }

  private start(msg: JsMsg): void {
    const running: Promise<void> = this.handle(msg)
      .catch((error: unknown) => {
        this.context.policy.logger.warn(
          { topic: this.topic, error: errorText(error) },
          'queue could not settle a job; it will be redelivered'
        );
      })
      .then(() => {
        this.running.delete(running);
        this.wake();
      });
    this.running.add(running);
  }

  private async handle(msg: JsMsg): Promise<void> {
    const { policy } = this.context;
    const attempt = msg.info.deliveryCount;
    const id = msg.headers?.get('Nats-Msg-Id') || `${msg.info.stream}:${msg.info.streamSequence}`;
    if (attempt > policy.maxAttempts) {
      // The worker of the last attempt died or hung: this is the spare delivery.
      const error = leaseLostError(policy, attempt - 1);
      await this.bury(msg, id, payloadOf(msg), attempt - 1, error);
      return;
    }
    let payload: unknown;
    try {
      payload = msg.json();
    } catch {
      await this.bury(msg, id, payloadOf(msg), attempt, 'the message is not JSON');
      return;
    }
    const job: Job = { id, topic: this.topic, payload, attempt, extend: () => msg.working() };
    try {
      await this.handler(job);
    } catch (error) {
      await this.failed(msg, job, error);
      return;
    }
    await msg.ackAck();
  }

  private async failed(msg: JsMsg, job: Job, error: unknown): Promise<void> {
    const { policy } = this.context;
    const message = errorText(error);
    policy.logger.warn(
      { topic: this.topic, id: job.id, attempt: job.attempt, error: message },
      'queue job failed'
    );
    if (job.attempt >= policy.maxAttempts) {
      await this.bury(msg, job.id, job.payload, job.attempt, message);
      return;
    }
    msg.nak(retryDelay(policy, job.attempt));
  }

  private bury(
    msg: JsMsg,
    id: string,
    payload: unknown,
    attempts: number,
    error: string
  ): Promise<void> {
    return buryMessage(this.context.js, this.context.layout, msg, {
      id,
      topic: this.topic,
      payload,
      attempts,
      error,
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  private wake(): void {
    for (const done of [...this.sleepers]) {
      done();
    }
  }
}

/** The payload for a dead copy: JSON when it parses, else the text, cut short. */
function payloadOf(msg: JsMsg): unknown {
  try {
    return msg.json();
  } catch {
    return msg.string().slice(0, 2_000);
  }
}
