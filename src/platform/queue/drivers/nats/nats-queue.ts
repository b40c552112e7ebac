import type { Consumer as JsConsumer, JetStreamClient } from 'nats';
import { ExternalHostError } from '../../../../core/errors.js';
import {
  checkTopic,
  closedError,
  concurrencyOf,
  encodePayload,
  errorText,
  jobId,
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
  Topic,
} from '../../types.js';
import type { JetStreamConnection } from './connect.js';
import { readDead } from './dead-letter.js';
import {
  consumerConfig,
  deadStreamConfig,
  ensureConsumer,
  ensureStream,
  topicLayout,
  workStreamConfig,
  type TopicLayout,
} from './layout.js';
import { PullWorker } from './pull-worker.js';

/** The JetStream queue. Streams and the durable consumer of a topic are made on first use. */
export class NatsQueue implements Queue {
  readonly driver = 'nats';
  private readonly js: JetStreamClient;
  private readonly streams = new Map<Topic, Promise<void>>();
  private readonly durables = new Map<Topic, Promise<JsConsumer>>();
  private readonly workers = new Set<PullWorker>();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly connection: JetStreamConnection,
    private readonly policy: QueuePolicy
  ) {
    this.js = connection.nc.jetstream();
  }

  async publish(
    topic: Topic,
    payload: unknown,
    options: PublishOptions = {}
  ): Promise<PublishResult> {
    if (this.closed) {
      throw closedError();
    }
    const layout = this.layout(topic);
    const id = jobId(options.id);
    const text = encodePayload(this.policy, payload);
    try {
      return { id, duplicate: await this.store(layout, topic, text, id) };
    } catch {
      // The stream may have been deleted under us: make sure of it and send again. The same
      // Nats-Msg-Id makes the second send a duplicate if the first one was stored after all.
      this.streams.delete(topic);
      try {
        return { id, duplicate: await this.store(layout, topic, text, id) };
      } catch (error) {
        throw new ExternalHostError(
          `NATS at ${this.connection.hostPort} did not store the ${topic} job: ${errorText(error)}`,
          { cause: error }
        );
      }
    }
  }

  private async store(layout: TopicLayout, topic: Topic, text: string, id: string) {
    await this.ensureStreams(layout, topic);
    const ack = await this.js.publish(layout.subject, text, { msgID: id });
    return ack.duplicate;
  }

  consume(topic: Topic, handler: JobHandler, options: ConsumeOptions = {}): Consumer {
    if (this.closed) {
      throw closedError();
    }
    const layout = this.layout(topic);
    const context = {
      topic,
      layout,
      policy: this.policy,
      js: this.js,
      durable: () => this.durable(layout, topic),
      forget: () => {
        this.streams.delete(topic);
        this.durables.delete(topic);
      },
    };
    const worker = new PullWorker(context, handler, concurrencyOf(options), () =>
      this.workers.delete(worker)
    );
    this.workers.add(worker);
    return worker;
  }

  async depth(topic: Topic): Promise<number> {
    const layout = this.layout(topic);
    await this.ensureStreams(layout, topic);
    const info = await this.connection.jsm.streams.info(layout.stream);
    return info.state.messages;
  }

  async dead(topic: Topic, options: DeadOptions = {}): Promise<DeadJob[]> {
    const layout = this.layout(topic);
    await this.ensureStreams(layout, topic);
    return readDead(this.connection.jsm, layout, options.limit ?? 100);
  }

  close(): Promise<void> {
    this.closed = true;
    this.closing ??= (async () => {
      await Promise.all([...this.workers].map((worker) => worker.close()));
      // Drain flushes the acks and terms still in the socket before it closes.
      const { nc } = this.connection;
      if (!nc.isClosed()) {
        await nc.drain().catch(() => nc.close());
      }
    })();
    return this.closing;
  }

  private layout(topic: Topic): TopicLayout {
    return topicLayout(this.policy.prefix, checkTopic(topic));
  }

  private ensureStreams(layout: TopicLayout, topic: Topic): Promise<void> {
    return once(this.streams, topic, async () => {
      const { jsm } = this.connection;
      await ensureStream(jsm, { ...workStreamConfig(layout, this.policy), name: layout.stream });
      await ensureStream(jsm, { ...deadStreamConfig(layout), name: layout.deadStream });
    });
  }

  private durable(layout: TopicLayout, topic: Topic): Promise<JsConsumer> {
    return once(this.durables, topic, async () => {
      await this.ensureStreams(layout, topic);
      await ensureConsumer(this.connection.jsm, layout.stream, consumerConfig(layout, this.policy));
      return this.js.consumers.get(layout.stream, layout.durable);
    });
  }
}

/** Memoises a setup step per topic, forgetting a failure so the next call tries again. */
function once<T>(cache: Map<Topic, Promise<T>>, topic: Topic, make: () => Promise<T>): Promise<T> {
  let pending = cache.get(topic);
  if (!pending) {
    pending = make();
    cache.set(topic, pending);
    void pending.catch(() => {
      cache.delete(topic);
    });
  }
  return pending;
}
