import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Logger } from '../../../core/logger.js';
import type { EventSink, RawEvent, SourceSummary } from '../../source/types.js';
import { authorized, type Credentials } from './auth.js';
import { readBatch, type BatchLimits } from './batch.js';
import { BoundedQueue } from './queue.js';

export interface WebhookSummary extends SourceSummary {
  /** Batches taken (answered 200) and the events in them; every one reached the sink. */
  acceptedBatches: number;
  acceptedEvents: number;
  /** Requests turned away, by HTTP status: 400, 401, 405, 413, 415, 429, 503. */
  rejected: Record<number, number>;
  /** The most events waiting in the queue at once. */
  queueHighWater: number;
}

export interface ReceiverSettings extends BatchLimits {
  queueCapacity: number;
  credentials: Credentials;
  cluster: string | undefined;
  logger: Logger;
}

/**
 * The webhook's request handling and its consumer. A batch is framed whole, then queued whole
 * and answered 200 at once, or refused whole with 429 when the queue lacks room for all of it
 * (the API server sends it again after a back-off). The consumer hands queued events to the
 * sink one at a time, waiting on each, and nothing a request does ever waits on the consumer.
 */
export class Receiver {
  readonly summary: WebhookSummary = {
    events: 0,
    problems: 0,
    acceptedBatches: 0,
    acceptedEvents: 0,
    rejected: {},
    queueHighWater: 0,
  };
  private readonly queue: BoundedQueue<RawEvent>;
  private stopping = false;
  private batches = 0;
  private wake: (() => void) | undefined;

  constructor(
    private readonly settings: ReceiverSettings,
    private readonly sink: EventSink
  ) {
    this.queue = new BoundedQueue(settings.queueCapacity);
  }

  readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
    this.serve(request, response).catch((error: unknown) => {
      this.settings.logger.error({ err: error }, 'audit webhook request failed');
      if (!response.headersSent) {
        response.writeHead(500, { connection: 'close' }).end();
      }
    });
  };

  /** Takes no more batches; the consumer drains what was accepted, then ends. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  /** Runs until stopped and drained. A sink that throws ends it with that error. */
  async consume(): Promise<void> {
    for (;;) {
      const raw = this.queue.shift();
      if (raw === undefined) {
        if (this.stopping) {
          return;
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
        continue;
      }
      const pending = this.sink.event(raw);
      if (pending !== undefined) {
        await pending;
      }
      this.summary.events++;
    }
  }

  private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (this.stopping) {
      this.refuse(response, 503, 'the receiver is shutting down');
      return;
    }
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/healthz') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (request.method !== 'POST') {
      this.refuse(response, 405, 'POST an audit.k8s.io EventList', { allow: 'POST' });
      return;
    }
    if (!authorized(request, this.settings.credentials)) {
      this.refuse(response, 401, undefined);
      return;
    }
    const number = ++this.batches;
    const batch = await readBatch(request, this.settings);
    if (batch.status === 'gone') {
      return;
    }
    const origin = `webhook batch ${number}`;
    if (batch.status !== 200) {
      this.report({ reason: batch.problem, origin, detail: batch.detail });
      this.refuse(response, batch.status, batch.detail);
      return;
    }
    if (this.stopped()) {
      // Stopped while the body was read: the drain may already be over.
      this.refuse(response, 503, 'the receiver is shutting down');
      return;
    }
    if (batch.events.length > this.queue.capacity) {
      const detail = `the batch holds ${batch.events.length} events, more than the queue's ${this.queue.capacity}`;
      this.report({ reason: 'too-large', origin, detail });
      this.refuse(response, 413, detail);
      return;
    }
    const raws = batch.events.map((event) => {
      const cluster = event.cluster ?? this.settings.cluster;
      return {
        text: event.text,
        ...(event.value !== undefined ? { value: event.value } : {}),
        origin: `${origin} item ${event.item ?? 0}`,
        ...(cluster !== undefined ? { cluster } : {}),
      };
    });
    if (!this.queue.pushAll(raws)) {
      this.refuse(response, 429, 'the queue is full; send the batch again later', {
        'retry-after': '1',
      });
      return;
    }
    this.summary.acceptedBatches++;
    this.summary.acceptedEvents += raws.length;
    this.summary.queueHighWater = Math.max(this.summary.queueHighWater, this.queue.size);
    for (const problem of batch.problems) {
      this.report({
        reason: problem.reason,
        origin: `${origin} item ${problem.item ?? 0}`,
        detail: problem.detail,
      });
    }
    response.writeHead(200).end();
    this.wake?.();
  }

  private stopped(): boolean {
    return this.stopping;
  }

  private report(problem: Parameters<EventSink['problem']>[0]): void {
    this.summary.problems++;
    this.sink.problem(problem);
  }

  private refuse(
    response: ServerResponse,
    status: number,
    detail: string | undefined,
    headers: OutgoingHttpHeaders = {}
  ): void {
    this.summary.rejected[status] = (this.summary.rejected[status] ?? 0) + 1;
    this.settings.logger.debug({ status }, 'audit webhook request refused');
    // A body refused unread is not drained: the connection closes instead.
    const close = status !== 400 && status !== 429;
    response
      .writeHead(status, {
        ...headers,
        ...(detail !== undefined ? { 'content-type': 'text/plain' } : {}),
        ...(close ? { connection: 'close' } : {}),
      })
      .end(detail !== undefined ? `${detail}\n` : undefined);
  }
}
