import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { silentLogger } from '../../core/logger.js';
import { startAuditPipeline, type AuditPipeline } from '../audit-pipeline/index.js';
import { openQueue, type Queue } from '../queue/index.js';
import { openStore, type Store } from '../store/index.js';
import type { FailureLimit } from './failure-limiter.js';
import { buildServer } from './server.js';

/** A real server on a loopback port, over SQLite in a temp dir and the memory queue. */
export interface TestServer {
  url: string;
  store: Store;
  queue: Queue;
  app: FastifyInstance;
  tokens: { admin: string; operator: string; reader: string };
  close(): Promise<void>;
}

export async function startTestServer(
  options: { failureLimit?: FailureLimit; pipeline?: boolean } = {}
): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-http-'));
  const store = await openStore(`sqlite:${join(dir, 'palisade.db')}`, {
    env: { PALISADE_SECRET_KEY: randomBytes(32).toString('base64') },
  });
  const queue = await openQueue('memory:', { retryDelayMs: 10 });
  const app = buildServer({
    store,
    queue,
    logger: silentLogger,
    version: '0.0.0-test',
    failureLimit: options.failureLimit ?? { max: 100_000, windowMs: 60_000 },
  });
  const pipeline: AuditPipeline | undefined =
    options.pipeline === false ? undefined : startAuditPipeline({ store, queue });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const token = async (role: 'admin' | 'operator' | 'reader'): Promise<string> =>
    (await store.tokens.create({ name: `test ${role}`, role })).token;
  return {
    url: address,
    store,
    queue,
    app,
    tokens: {
      admin: await token('admin'),
      operator: await token('operator'),
      reader: await token('reader'),
    },
    async close() {
      await app.close();
      await pipeline?.close();
      await queue.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** A request with an optional bearer token and JSON body; the answer read whole. */
export async function call(
  server: TestServer,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) {
    headers['authorization'] = `Bearer ${options.token}`;
  }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** Asks `probe` again until it returns something, or gives up after `deadlineMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  deadlineMs = 10_000
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) {
      return found;
    }
    if (Date.now() > until) {
      throw new Error('gave up waiting');
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
