import type { Logger } from '../../core/logger.js';

/**
 * The topics the platform declares. A topic is a kind of work, not a destination: `scan` jobs
 * name an image to scan, `assess` a cluster to assess, `audit-events` carry a batch of audit
 * events to evaluate, `notify` an alert to send out, `discover` a registry to enumerate,
 * `rematch` an image whose stored SBOM is matched again. Keeping the list closed makes a typo a
 * type error and lets the NATS driver create one stream per topic up front.
 */
export const queueTopics = [
  'scan',
  'assess',
  'audit-events',
  'notify',
  'discover',
  'rematch',
] as const;
export type Topic = (typeof queueTopics)[number];

/** One delivery of a published job to a handler. */
export interface Job {
  /** The id given to `publish`, or one the queue made up (a UUID). */
  readonly id: string;
  readonly topic: Topic;
  /** The published payload after a JSON round trip: parse it before trusting it. */
  readonly payload: unknown;
  /** 1 on the first delivery; every retry and every redelivery after a lost lease adds one. */
  readonly attempt: number;
  /**
   * Renews the lease for another lease period (JetStream's in-progress ack). A handler that
   * runs longer than the lease calls it now and then, or the job is given to another worker.
   */
  extend(): void;
}

/** Resolving acknowledges the job; throwing (or rejecting) schedules a retry. */
export type JobHandler = (job: Job) => Promise<void>;

export interface PublishOptions {
  /**
   * Deduplication key (JetStream's `Nats-Msg-Id`): a second publish with the same id within the
   * dedup window is dropped and reported as `duplicate`.
   */
  id?: string;
}

export interface PublishResult {
  id: string;
  /** True when the job was dropped as a duplicate of one published within the window. */
  duplicate: boolean;
}

export interface ConsumeOptions {
  /** Handlers of this consumer running at once; 1 by default. */
  concurrency?: number;
}

export interface Consumer {
  readonly topic: Topic;
  /**
   * Settles once the consumer takes work (on NATS: its durable consumer exists and it pulls).
   * Also settles when the consumer is closed before it ever got that far.
   */
  readonly ready: Promise<void>;
  /** Takes no new jobs, then waits for this consumer's running handlers to settle. */
  close(): Promise<void>;
}

/** A job that failed `maxAttempts` times, kept for people to look at. */
export interface DeadJob {
  id: string;
  topic: Topic;
  payload: unknown;
  attempts: number;
  /** The last error's message (a lost lease or an unreadable message says so). */
  error: string;
  /** ISO 8601 time of the dead-lettering. */
  deadAt: string;
}

export interface DeadOptions {
  /** Most dead jobs returned, oldest first; 100 by default. */
  limit?: number;
}

export interface Queue {
  /** The driver's id (`memory`, `nats`), for logs and `/metrics` labels. */
  readonly driver: string;
  /** At-least-once: once this resolves, the job is stored (on NATS: acknowledged by the stream). */
  publish(topic: Topic, payload: unknown, options?: PublishOptions): Promise<PublishResult>;
  consume(topic: Topic, handler: JobHandler, options?: ConsumeOptions): Consumer;
  /** Jobs published and not yet finished: waiting, waiting for a retry, or being handled. */
  depth(topic: Topic): Promise<number>;
  /** Peeks at the dead letter of a topic without removing anything. */
  dead(topic: Topic, options?: DeadOptions): Promise<DeadJob[]>;
  /** Closes every consumer (waiting for running handlers), then the connection. Idempotent. */
  close(): Promise<void>;
}

/** Settings shared by every driver; each has a default (see `policy.ts`). */
export interface QueueOptions {
  logger?: Logger;
  /** Deliveries of one job before it is dead-lettered; 5 by default. */
  maxAttempts?: number;
  /** How long a delivered job stays leased to its worker without `extend()`; 30 s by default. */
  leaseMs?: number;
  /** Delay before the first retry of a failed job, doubled each attempt; 1 s by default. */
  retryDelayMs?: number;
  /** Ceiling on that delay; 60 s by default. */
  maxRetryDelayMs?: number;
  /** How long a publish id is remembered for dedup; 2 minutes by default (JetStream's). */
  dedupWindowMs?: number;
  /** Largest JSON payload accepted, in bytes; 1 MiB by default (NATS's default max_payload). */
  maxPayloadBytes?: number;
  /** NATS: names the streams (`<prefix>-<topic>`) and subjects; `palisade` by default. */
  prefix?: string;
  /** NATS: how long to wait for the server on connect; 5 s by default. */
  connectTimeoutMs?: number;
}

/** One queue implementation, selected by the scheme of the queue URL. */
export interface QueueDriver {
  /** The URL scheme without its colon: `memory`, `nats`. */
  id: string;
  description: string;
  open(url: URL | undefined, options: QueueOptions): Promise<Queue>;
}
