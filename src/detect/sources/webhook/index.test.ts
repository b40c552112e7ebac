import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '../../../../test/harness/audit-events.js';
import { makeServingCertificate } from '../../../../test/harness/kube-api-double.js';
import type { AuditEvent } from '../../audit/event.js';
import type { EventSink, RawEvent, SourceProblem } from '../../source/types.js';
import { webhookSource, type WebhookSourceOptions, type WebhookSummary } from './index.js';

interface Pem {
  keyPem: string;
  certPem: string;
}

let serving: Pem;
let clientA: Pem;
let clientB: Pem;

beforeAll(async () => {
  [serving, clientA, clientB] = await Promise.all([
    makeServingCertificate(),
    makeServingCertificate(),
    makeServingCertificate(),
  ]);
});

/** A sink whose `event` waits for `release()` while held, as a busy engine would. */
class GatedSink implements EventSink {
  readonly events: RawEvent[] = [];
  readonly problems: SourceProblem[] = [];
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;

  hold(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  event(raw: RawEvent): void | Promise<void> {
    if (this.gate === undefined) {
      this.events.push(raw);
      return;
    }
    return this.gate.then(() => {
      this.events.push(raw);
    });
  }

  problem(problem: SourceProblem): void {
    this.problems.push(problem);
  }

  ids(): string[] {
    return this.events.map((raw) => (parsed(raw) as AuditEvent).auditID);
  }
}

interface Running {
  url: URL;
  sink: GatedSink;
  stop(): Promise<WebhookSummary>;
  controller: AbortController;
}

const running: Running[] = [];

afterEach(async () => {
  for (const receiver of running.splice(0)) {
    receiver.sink.release();
    await receiver.stop();
  }
});

async function start(options: Partial<WebhookSourceOptions> = {}): Promise<Running> {
  const sink = new GatedSink();
  const controller = new AbortController();
  let listening: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => {
    listening = resolve;
  });
  const done = webhookSource.run(
    {
      host: '127.0.0.1',
      port: 0,
      tls: { certPem: serving.certPem, keyPem: serving.keyPem },
      onListening: listening,
      ...options,
    },
    sink,
    controller.signal
  );
  const receiver: Running = {
    url: new URL(await Promise.race([url, done.then(() => 'https://stopped.invalid/')])),
    sink,
    controller,
    stop: async () => {
      controller.abort();
      return done;
    },
  };
  running.push(receiver);
  return receiver;
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface PostOptions {
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  client?: Pem;
  /** Sent without a Content-Length, in two chunks. */
  chunked?: boolean;
}

function post(receiver: Running, body: string | Buffer, options: PostOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const requestOptions: RequestOptions = {
      host: receiver.url.hostname,
      port: receiver.url.port,
      path: options.path ?? '/audit',
      method: options.method ?? 'POST',
      ca: serving.certPem,
      agent: false,
      headers: {
        'content-type': 'application/json',
        ...(options.chunked === true ? {} : { 'content-length': String(bytes.length) }),
        ...options.headers,
      },
      ...(options.client !== undefined
        ? { cert: options.client.certPem, key: options.client.keyPem }
        : {}),
    };
    const request = httpsRequest(requestOptions, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(parts).toString(),
        });
      });
    });
    request.on('error', reject);
    if (options.chunked === true) {
      request.write(bytes.subarray(0, bytes.length >> 1));
      request.end(bytes.subarray(bytes.length >> 1));
    } else {
      request.end(bytes);
    }
  });
}

/** An EventList as the API server's webhook backend sends it: items without kind or apiVersion. */
function eventList(ids: readonly string[]): string {
  return JSON.stringify({
    kind: 'EventList',
    apiVersion: 'audit.k8s.io/v1',
    metadata: {},
    items: ids.map((auditID) => {
      const item: Record<string, unknown> = { ...auditEvent({ auditID }) };
      delete item['kind'];
      delete item['apiVersion'];
      return item;
    }),
  });
}

function range(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
}

describe('webhook source', () => {
  it('takes an EventList POST on any path, answers 200 and hands on every event', async () => {
    const receiver = await start({ cluster: 'prod-eu' });
    const reply = await post(receiver, eventList(['e1', 'e2', 'e3']), { path: '/any/where?x=1' });
    expect(reply.status).toBe(200);
    const summary = await receiver.stop();
    expect(receiver.sink.ids()).toEqual(['e1', 'e2', 'e3']);
    const first = receiver.sink.events[0]!;
    expect(first.origin).toBe('webhook batch 1 item 1');
    expect(first.cluster).toBe('prod-eu');
    expect(parsed(first)).toMatchObject({ kind: 'Event', apiVersion: 'audit.k8s.io/v1' });
    expect(summary).toEqual({
      events: 3,
      problems: 0,
      acceptedBatches: 1,
      acceptedEvents: 3,
      rejected: {},
      queueHighWater: 3,
    });
  });

  it('answers health checks and refuses other methods', async () => {
    const receiver = await start({ token: 'secret-token' });
    const health = await post(receiver, '', { method: 'GET', path: '/healthz' });
    expect([health.status, health.body]).toEqual([200, 'ok\n']);
    const put = await post(receiver, eventList(['x']), {
      method: 'PUT',
      headers: { authorization: 'Bearer secret-token' },
    });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('POST');
    const get = await post(receiver, '', { method: 'GET', path: '/audit' });
    expect(get.status).toBe(405);
    expect((await receiver.stop()).rejected).toEqual({ 405: 2 });
  });

  it('requires the bearer token when one is set, and says nothing about why', async () => {
    const receiver = await start({ token: 's3cr3t-t0ken' });
    const none = await post(receiver, eventList(['n1']));
    expect([none.status, none.body]).toEqual([401, '']);
    const wrong = await post(receiver, eventList(['w1']), {
      headers: { authorization: 'Bearer s3cr3t-t0kem' },
    });
    expect([wrong.status, wrong.body]).toEqual([401, '']);
    const basic = await post(receiver, eventList(['b1']), {
      headers: { authorization: `Basic ${Buffer.from('u:s3cr3t-t0ken').toString('base64')}` },
    });
    expect(basic.status).toBe(401);
    const right = await post(receiver, eventList(['r1']), {
      headers: { authorization: 'Bearer s3cr3t-t0ken' },
    });
    expect(right.status).toBe(200);
    const summary = await receiver.stop();
    expect(receiver.sink.ids()).toEqual(['r1']);
    expect(summary.rejected).toEqual({ 401: 3 });
  });

  it('requires a client certificate signed by the given CA, but not for /healthz', async () => {
    const receiver = await start({
      tls: { certPem: serving.certPem, keyPem: serving.keyPem, clientCaPem: clientA.certPem },
    });
    expect((await post(receiver, eventList(['c0']))).status).toBe(401);
    expect((await post(receiver, eventList(['c1']), { client: clientB })).status).toBe(401);
    expect((await post(receiver, eventList(['c2']), { client: clientA })).status).toBe(200);
    expect((await post(receiver, '', { method: 'GET', path: '/healthz' })).status).toBe(200);
    await receiver.stop();
    expect(receiver.sink.ids()).toEqual(['c2']);
  });

  it('refuses bodies over the cap with 413, by Content-Length, while reading and after gzip', async () => {
    const receiver = await start({ maxBodyBytes: 4096 });
    const big = eventList(range('big', 10));
    expect(Buffer.byteLength(big)).toBeGreaterThan(4096);
    const declared = await post(receiver, big);
    expect([declared.status, declared.body]).toEqual([413, 'the body is over 4096 bytes\n']);
    expect(declared.headers.connection).toBe('close');
    const streamed = await post(receiver, big, { chunked: true });
    expect(streamed.status).toBe(413);
    const zipped = gzipSync(big);
    expect(zipped.length).toBeLessThan(4096);
    const inflated = await post(receiver, zipped, { headers: { 'content-encoding': 'gzip' } });
    expect([inflated.status, inflated.body]).toEqual([
      413,
      'the body decompresses to over 4096 bytes\n',
    ]);
    expect((await post(receiver, eventList(['small']))).status).toBe(200);
    const summary = await receiver.stop();
    expect(receiver.sink.ids()).toEqual(['small']);
    expect(summary.rejected).toEqual({ 413: 3 });
    expect(receiver.sink.problems.map((problem) => [problem.reason, problem.origin])).toEqual([
      ['too-large', 'webhook batch 1'],
      ['too-large', 'webhook batch 2'],
      ['too-large', 'webhook batch 3'],
    ]);
  });

  it('refuses what is not one audit EventList with 400 and a short reason', async () => {
    const receiver = await start();
    const cases: [string, string][] = [
      [
        '{"kind":"EventList","items":[',
        'the body is not JSON: the input ends inside a JSON value\n',
      ],
      ['hello', 'the body is not JSON: expected a JSON object or array; the line is skipped\n'],
      [
        `${JSON.stringify(auditEvent())}\n${JSON.stringify(auditEvent())}`,
        'the body is not one audit.k8s.io EventList\n',
      ],
      [
        '{"kind":"EventList","apiVersion":"v1","items":[]}',
        'the body is not one audit.k8s.io EventList\n',
      ],
      [
        `${eventList(['twice'])}${eventList(['twice'])}`,
        'the body is not one audit.k8s.io EventList\n',
      ],
    ];
    for (const [body, reason] of cases) {
      const reply = await post(receiver, body);
      expect([reply.status, reply.body]).toEqual([400, reason]);
    }
    const summary = await receiver.stop();
    expect(receiver.sink.events).toEqual([]);
    expect(summary.rejected).toEqual({ 400: 5 });
    expect(receiver.sink.problems.map((problem) => problem.reason)).toEqual([
      'not-json',
      'not-json',
      'not-audit-log',
      'not-audit-log',
      'not-audit-log',
    ]);
  });

  it('takes a gzip body, refuses corrupt gzip and unknown encodings', async () => {
    const receiver = await start();
    const zipped = await post(receiver, gzipSync(eventList(['g1', 'g2'])), {
      headers: { 'content-encoding': 'gzip' },
    });
    expect(zipped.status).toBe(200);
    const corrupt = await post(receiver, Buffer.from(eventList(['bad'])), {
      headers: { 'content-encoding': 'gzip' },
    });
    expect([corrupt.status, corrupt.body]).toEqual([400, 'the gzip body is corrupt\n']);
    const brotli = await post(receiver, eventList(['br']), {
      headers: { 'content-encoding': 'br' },
    });
    expect(brotli.status).toBe(415);
    await receiver.stop();
    expect(receiver.sink.ids()).toEqual(['g1', 'g2']);
  });

  it('accepts an EventList with an oversize event, reporting that one and keeping the rest', async () => {
    const receiver = await start({ maxEventBytes: 2000 });
    const body = JSON.stringify({
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [
        auditEvent({ auditID: 'ok1' }),
        auditEvent({ auditID: 'huge', requestObject: { data: 'z'.repeat(5000) } }),
        auditEvent({ auditID: 'ok2' }),
      ],
    });
    expect((await post(receiver, body)).status).toBe(200);
    await receiver.stop();
    expect(receiver.sink.ids()).toEqual(['ok1', 'ok2']);
    expect(receiver.sink.problems).toMatchObject([
      { reason: 'too-large', origin: 'webhook batch 1 item 2' },
    ]);
  });

  it('under overload answers 429, takes batches whole or not at all, and delivers every accepted event', async () => {
    const receiver = await start({ queueCapacity: 10 });
    receiver.sink.hold();
    const replies = [];
    // The consumer takes A's first event and waits on the sink: 5 queued.
    replies.push(await post(receiver, eventList(range('a', 6))));
    replies.push(await post(receiver, eventList(range('b', 6)))); // 5 + 6 > 10
    replies.push(await post(receiver, eventList(range('c', 3)))); // 8
    replies.push(await post(receiver, eventList(range('d', 3)))); // 8 + 3 > 10
    replies.push(await post(receiver, eventList(range('e', 11)))); // never fits
    expect(replies.map((reply) => reply.status)).toEqual([200, 429, 200, 429, 413]);
    expect(replies[1]?.headers['retry-after']).toBe('1');
    expect(replies[4]?.body).toBe("the batch holds 11 events, more than the queue's 10\n");
    expect(receiver.sink.events).toEqual([]);
    receiver.sink.release();
    // The API server sends a refused batch again once there is room.
    const retried = await post(receiver, eventList(range('b', 6)));
    expect(retried.status).toBe(200);
    const summary = await receiver.stop();
    expect(receiver.sink.ids()).toEqual([...range('a', 6), ...range('c', 3), ...range('b', 6)]);
    expect(summary).toMatchObject({
      events: 15,
      acceptedBatches: 3,
      acceptedEvents: 15,
      rejected: { 429: 2, 413: 1 },
      queueHighWater: 8,
    });
  });

  it('on abort stops taking batches, answers in-flight ones 503 and drains the queue', async () => {
    const receiver = await start();
    receiver.sink.hold();
    expect((await post(receiver, eventList(range('q', 4)))).status).toBe(200);
    expect((await post(receiver, eventList(range('r', 2)))).status).toBe(200);
    // A POST whose headers the receiver has (it sent 100 Continue) but whose body is still to come.
    const inFlight = new Promise<Reply>((resolve, reject) => {
      const body = Buffer.from(eventList(['late']));
      const request = httpsRequest(
        {
          host: receiver.url.hostname,
          port: receiver.url.port,
          path: '/audit',
          method: 'POST',
          ca: serving.certPem,
          agent: false,
          headers: { 'content-length': String(body.length), expect: '100-continue' },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '' });
          });
        }
      );
      request.on('error', reject);
      request.on('continue', () => {
        receiver.controller.abort();
        request.end(body);
      });
    });
    expect((await inFlight).status).toBe(503);
    await expect(post(receiver, eventList(['after']))).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    expect(receiver.sink.events).toEqual([]);
    receiver.sink.release();
    const summary = await receiver.stop();
    expect(receiver.sink.ids()).toEqual([...range('q', 4), ...range('r', 2)]);
    expect(summary).toMatchObject({ events: 6, acceptedEvents: 6, rejected: { 503: 1 } });
  });

  it('fails to start on a port already taken', async () => {
    const first = await start();
    const second = webhookSource.run(
      {
        host: '127.0.0.1',
        port: Number(first.url.port),
        tls: { certPem: serving.certPem, keyPem: serving.keyPem },
      },
      new GatedSink(),
      new AbortController().signal
    );
    await expect(second).rejects.toThrow(
      `cannot listen on 127.0.0.1:${first.url.port} (EADDRINUSE)`
    );
  });
});

/** A delivered event as the engine reads it: parsed by the source, or its text. */
function parsed(raw: RawEvent): unknown {
  return raw.value !== undefined ? raw.value : JSON.parse(raw.text);
}
