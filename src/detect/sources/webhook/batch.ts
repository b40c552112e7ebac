import type { IncomingMessage } from 'node:http';
import { isRecord } from '../../../core/is-record.js';
import { defaultMaxEventBytes, Framer, gunzip, type FramedProblem } from '../split/index.js';

/** One event of a batch: framed text, or an item of the parsed EventList. */
export interface BatchEvent {
  item: number | undefined;
  text: string;
  value?: unknown;
  cluster: string | undefined;
}

/** A POST body, read whole before it is answered. */
export type Batch =
  | { status: 200; events: BatchEvent[]; problems: FramedProblem[] }
  | Refusal
  /** The client went away mid-body: nobody to answer. */
  | { status: 'gone' };

/** Why a body is refused: the HTTP status, and the problem it is reported as. */
export interface Refusal {
  status: 400 | 413 | 415;
  problem: 'not-json' | 'not-audit-log' | 'too-large' | 'unreadable';
  /** Short, for the response body and the report; never quotes the body. */
  detail: string;
}

export interface BatchLimits {
  maxBodyBytes: number;
  maxEventBytes: number | undefined;
}

class BodyTooLarge extends Error {}

async function* cappedBody(
  request: IncomingMessage,
  maxBytes: number
): AsyncGenerator<Buffer, void, undefined> {
  let total = 0;
  // Stopping early must leave the socket open, for the 413 that says why.
  const chunks = request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxBytes) {
      throw new BodyTooLarge();
    }
    yield chunk;
  }
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : '';
}

/**
 * Reads and frames one EventList POST. The body is capped before and after gzip; the whole
 * batch is framed before anything is queued, so a batch is taken whole or not at all.
 */
export async function readBatch(request: IncomingMessage, limits: BatchLimits): Promise<Batch> {
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    return {
      status: 415,
      problem: 'unreadable',
      detail: 'Content-Encoding must be gzip or identity',
    };
  }
  const tooLarge: Refusal = {
    status: 413,
    problem: 'too-large',
    detail: `the body is over ${limits.maxBodyBytes} bytes`,
  };
  if (Number(request.headers['content-length'] ?? 0) > limits.maxBodyBytes) {
    return tooLarge;
  }
  const framer = new Framer(
    limits.maxEventBytes !== undefined ? { maxEventBytes: limits.maxEventBytes } : {}
  );
  const events: BatchEvent[] = [];
  const problems: FramedProblem[] = [];
  const take = (items: ReturnType<Framer['push']>) => {
    for (const item of items) {
      if (item.type === 'event') {
        events.push(item);
      } else {
        problems.push(item);
      }
    }
  };
  const decompression = { over: false };
  const body = cappedBody(request, limits.maxBodyBytes);
  const chunks =
    encoding === 'gzip'
      ? gunzip(body, {
          maxDecompressedBytes: limits.maxBodyBytes,
          exceeded: () => {
            decompression.over = true;
          },
        })
      : body;
  const pieces: Buffer[] = [];
  try {
    for await (const chunk of chunks) {
      pieces.push(chunk);
    }
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      return tooLarge;
    }
    if (errorCode(error).startsWith('Z_')) {
      return { status: 400, problem: 'unreadable', detail: 'the gzip body is corrupt' };
    }
    return { status: 'gone' };
  }
  if (decompression.over) {
    return {
      status: 413,
      problem: 'too-large',
      detail: `the body decompresses to over ${limits.maxBodyBytes} bytes`,
    };
  }
  const whole = Buffer.concat(pieces);
  const parsed = parsedEventList(whole, limits);
  if (parsed !== undefined) {
    return parsed;
  }
  // Not one EventList that parses: the framer says precisely what is wrong where.
  take(framer.push(whole));
  take(framer.end());
  const broken = problems.find(
    (problem) => problem.reason === 'not-json' || problem.reason === 'truncated-json'
  );
  if (broken !== undefined) {
    return { status: 400, problem: 'not-json', detail: `the body is not JSON: ${broken.detail}` };
  }
  const documents = framer.stats.documents;
  const total = Object.values(documents).reduce((sum, count) => sum + count, 0);
  if (total !== 1 || documents['event-list'] !== 1) {
    return {
      status: 400,
      problem: 'not-audit-log',
      detail: 'the body is not one audit.k8s.io EventList',
    };
  }
  return { status: 200, events, problems };
}

/**
 * The common case, fast: the body is one `audit.k8s.io` EventList that `JSON.parse` reads in
 * one native pass, and its items go on parsed (framing them byte by byte in JavaScript costs as
 * much as parsing them). Items are capped as the framer caps events: when the body itself is
 * under the cap no item can be over it, else each item is measured. Undefined when the body is
 * anything else, for the framer to diagnose.
 */
function parsedEventList(body: Buffer, limits: BatchLimits): Batch | undefined {
  let document: unknown;
  try {
    document = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(document) || document['kind'] !== 'EventList') {
    return undefined;
  }
  const apiVersion = document['apiVersion'];
  const items = document['items'];
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith('audit.k8s.io/')) {
    return undefined;
  }
  if (!Array.isArray(items)) {
    return undefined;
  }
  const maxEventBytes = limits.maxEventBytes ?? defaultMaxEventBytes;
  const measure = body.length > maxEventBytes;
  const events: BatchEvent[] = [];
  const problems: FramedProblem[] = [];
  items.forEach((value: unknown, index) => {
    const item = index + 1;
    if (measure) {
      const bytes = Buffer.byteLength(JSON.stringify(value));
      if (bytes > maxEventBytes) {
        problems.push({
          type: 'problem',
          reason: 'too-large',
          detail: `the event is over ${maxEventBytes} bytes`,
          line: 1,
          item,
        });
        return;
      }
    }
    // The API server's webhook sends items without their kind and apiVersion (kubernetes#77076).
    if (isRecord(value)) {
      if (!('kind' in value)) {
        value['kind'] = 'Event';
      }
      if (!('apiVersion' in value)) {
        value['apiVersion'] = apiVersion;
      }
    }
    events.push({ item, text: '', value, cluster: undefined });
  });
  return { status: 200, events, problems };
}
