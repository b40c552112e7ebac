import { randomUUID } from 'node:crypto';
import { InputError, UsageError } from '../../core/errors.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { queueTopics, type ConsumeOptions, type QueueOptions, type Topic } from './types.js';

/**
 * The rules every driver shares (defaults, retry delays, ids, payload encoding), so
 * the memory queue and the NATS queue behave alike and the contract suite can hold both to it.
 */
export interface QueuePolicy {
  logger: Logger;
  maxAttempts: number;
  leaseMs: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  dedupWindowMs: number;
  maxPayloadBytes: number;
  prefix: string;
  connectTimeoutMs: number;
}

/** Dead jobs kept per topic; the oldest go first. */
export const deadLetterLimit = 10_000;
/** How long dead jobs are kept (on NATS the dead-letter stream's max_age). */
export const deadLetterMaxAgeMs = 14 * 24 * 3_600_000;
const maxErrorLength = 2_000;
const maxIdLength = 256;

export function resolvePolicy(options: QueueOptions): QueuePolicy {
  const prefix = options.prefix ?? 'palisade';
  // A stream name and one subject token at once: no dots, wildcards or spaces.
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(prefix)) {
    throw new UsageError(`queue prefix "${prefix}" must be letters, digits, - and _ only`);
  }
  return {
    logger: options.logger ?? silentLogger,
    maxAttempts: positive('maxAttempts', options.maxAttempts ?? 5),
    leaseMs: positive('leaseMs', options.leaseMs ?? 30_000),
    retryDelayMs: positive('retryDelayMs', options.retryDelayMs ?? 1_000),
    maxRetryDelayMs: positive('maxRetryDelayMs', options.maxRetryDelayMs ?? 60_000),
    dedupWindowMs: positive('dedupWindowMs', options.dedupWindowMs ?? 120_000),
    maxPayloadBytes: positive('maxPayloadBytes', options.maxPayloadBytes ?? 1_048_576),
    prefix,
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs ?? 5_000),
  };
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`queue option ${name} must be a whole number of at least 1`);
  }
  return value;
}

export function concurrencyOf(options: ConsumeOptions): number {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new UsageError('consumer concurrency must be a whole number of at least 1');
  }
  return concurrency;
}

/** Wait before redelivering a job whose handler threw on this attempt: doubling, capped. */
export function retryDelay(policy: QueuePolicy, attempt: number): number {
  const doubled = policy.retryDelayMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(doubled, policy.maxRetryDelayMs);
}

export function checkTopic(topic: string): Topic {
  if (!(queueTopics as readonly string[]).includes(topic)) {
    throw new UsageError(`unknown queue topic "${topic}"; topics are ${queueTopics.join(', ')}`);
  }
  return topic as Topic;
}

/** The caller's dedup id, checked, or a fresh UUID. */
export function jobId(id: string | undefined): string {
  if (id === undefined) {
    return randomUUID();
  }
  if (id.length === 0 || id.length > maxIdLength || /[\s\0]/.test(id)) {
    throw new UsageError(`a job id is 1 to ${maxIdLength} characters without spaces`);
  }
  return id;
}

/** JSON text of a payload; refuses what JSON cannot carry and what is over the size limit. */
export function encodePayload(policy: QueuePolicy, payload: unknown): string {
  let text: string | undefined;
  try {
    text = stringify(payload);
  } catch (error) {
    throw new InputError('a job payload must be JSON-serialisable', { cause: error });
  }
  if (text === undefined) {
    throw new InputError('a job payload must be JSON-serialisable');
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > policy.maxPayloadBytes) {
    throw new InputError(
      `a job payload of ${bytes} bytes is over the limit of ${policy.maxPayloadBytes}`
    );
  }
  return text;
}

/** JSON.stringify as it really is: `undefined` for a function, a symbol or `undefined`. */
function stringify(value: unknown): string | undefined {
  return JSON.stringify(value);
}

/** The message kept with a dead job: an Error's message, or the thrown value as text. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > maxErrorLength ? `${text.slice(0, maxErrorLength)}…` : text;
}

export function leaseLostError(policy: QueuePolicy, attempt: number): string {
  return `lease of ${policy.leaseMs} ms expired on attempt ${attempt}: the worker died or hung`;
}

export function closedError(): UsageError {
  return new UsageError('the queue is closed');
}
