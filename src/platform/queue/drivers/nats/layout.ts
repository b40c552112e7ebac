import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  nanos,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from 'nats';
import { deadLetterLimit, deadLetterMaxAgeMs, type QueuePolicy } from '../../policy.js';
import type { Topic } from '../../types.js';

/**
 * The JetStream objects of one topic, all named from the prefix:
 * - stream `<prefix>-<topic>` on subject `<prefix>.<topic>`, work-queue retention (a message is
 *   removed once acked or terminated), dedup over `duplicate_window`;
 * - its one durable pull consumer `workers`, shared by every worker of every process;
 * - stream `<prefix>-<topic>-dead` on subject `<prefix>.<topic>.dead`, limits retention, for
 *   jobs that failed their last attempt.
 */
export interface TopicLayout {
  stream: string;
  subject: string;
  durable: string;
  deadStream: string;
  deadSubject: string;
}

export const durableName = 'workers';

export function topicLayout(prefix: string, topic: Topic): TopicLayout {
  return {
    stream: `${prefix}-${topic}`,
    subject: `${prefix}.${topic}`,
    durable: durableName,
    deadStream: `${prefix}-${topic}-dead`,
    deadSubject: `${prefix}.${topic}.dead`,
  };
}

export function workStreamConfig(layout: TopicLayout, policy: QueuePolicy): Partial<StreamConfig> {
  return {
    name: layout.stream,
    subjects: [layout.subject],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    duplicate_window: nanos(policy.dedupWindowMs),
    max_msg_size: policy.maxPayloadBytes,
    num_replicas: 1,
  };
}

export function deadStreamConfig(layout: TopicLayout): Partial<StreamConfig> {
  return {
    name: layout.deadStream,
    subjects: [layout.deadSubject],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_msgs: deadLetterLimit,
    max_age: nanos(deadLetterMaxAgeMs),
    num_replicas: 1,
  };
}

/**
 * Explicit acks with the lease as `ack_wait`. `max_deliver` leaves one delivery past
 * `maxAttempts`: a job whose worker died on its last attempt comes back once more and is
 * dead-lettered then, instead of lingering undelivered in the stream. No `backoff`: retry delays
 * are the client's `nak(delay)`, and on nats-server 2.9 a consumer `backoff` shifts those
 * delays by `backoff[n] - ack_wait` (a 20 ms retry came back after a second; see readme.md).
 */
export function consumerConfig(
  layout: TopicLayout,
  policy: QueuePolicy
): ConsumerConfig & { durable_name: string } {
  return {
    durable_name: layout.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    ack_wait: nanos(policy.leaseMs),
    max_deliver: policy.maxAttempts + 1,
    filter_subject: layout.subject,
  };
}

/**
 * Creates the stream, or brings an existing one to this config. Safe when several processes
 * start at once: JetStream accepts a create identical to what exists, and a create that lost
 * the race to a different config becomes an update. Settings JetStream cannot change
 * (retention, storage) fail with the server's message.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { name: string }
): Promise<void> {
  try {
    await jsm.streams.add(config);
  } catch (error) {
    if (!(await exists(() => jsm.streams.info(config.name)))) {
      throw error;
    }
    await jsm.streams.update(config.name, config);
  }
}

/** The same for the durable consumer: create, or update the lease and attempt settings. */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: ConsumerConfig & { durable_name: string }
): Promise<void> {
  try {
    await jsm.consumers.add(stream, config);
  } catch (error) {
    if (!(await exists(() => jsm.consumers.info(stream, config.durable_name)))) {
      throw error;
    }
    await jsm.consumers.update(stream, config.durable_name, config);
  }
}

async function exists(info: () => Promise<unknown>): Promise<boolean> {
  try {
    await info();
    return true;
  } catch (error) {
    if (isNotFound(error)) {
      return false;
    }
    throw error;
  }
}

export function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown }).code === '404';
}
