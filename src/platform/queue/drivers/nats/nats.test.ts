import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createServer, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, nanos, type NatsConnection } from 'nats';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExternalHostError, UsageError } from '../../../../core/errors.js';
import { describeQueueContract, eventually } from '../../contract.js';
import { openQueue } from '../../index.js';
import type { Job, Queue, QueueOptions } from '../../types.js';

const natsUrl = 'nats://127.0.0.1:4222';
const leaseMs = 1_000;
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));

let admin: NatsConnection;
let prefix = '';
const opened: Queue[] = [];

/** A queue on the real server under this test's prefix, closed after the test. */
async function openNats(options: QueueOptions = {}): Promise<Queue> {
  const queue = await openQueue(natsUrl, { prefix, leaseMs, ...options });
  opened.push(queue);
  return queue;
}

beforeAll(async () => {
  admin = await connect({ servers: '127.0.0.1:4222' });
});

beforeEach(() => {
  prefix = `test-${randomBytes(5).toString('hex')}`;
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((queue) => queue.close()));
  const jsm = await admin.jetstreamManager();
  for await (const name of jsm.streams.names()) {
    if (name.startsWith(`${prefix}-`)) {
      await jsm.streams.delete(name);
    }
  }
});

afterAll(async () => {
  await admin.close();
});

describeQueueContract('nats', (options) => openQueue(natsUrl, { prefix, ...options }), {
  leaseMs,
});

describe('nats queue', () => {
  it('lays out a work-queue stream, a dead-letter stream and one durable per topic', async () => {
    const queue = await openNats({ maxAttempts: 4, dedupWindowMs: 60_000 });
    await queue.consume('audit-events', () => Promise.resolve()).ready;
    const jsm = await admin.jetstreamManager();
    const work = await jsm.streams.info(`${prefix}-audit-events`);
    expect(work.config).toMatchObject({
      subjects: [`${prefix}.audit-events`],
      retention: 'workqueue',
      duplicate_window: nanos(60_000),
    });
    const dead = await jsm.streams.info(`${prefix}-audit-events-dead`);
    expect(dead.config).toMatchObject({
      subjects: [`${prefix}.audit-events.dead`],
      retention: 'limits',
    });
    const durable = await jsm.consumers.info(`${prefix}-audit-events`, 'workers');
    expect(durable.config).toMatchObject({
      ack_policy: 'explicit',
      ack_wait: nanos(leaseMs),
      max_deliver: 5,
    });
  });

  it('creates streams and consumers idempotently from processes starting at once', async () => {
    const [first, second] = await Promise.all([openNats(), openNats()]);
    await Promise.all([
      first.depth('scan'),
      second.depth('scan'),
      first.consume('scan', () => Promise.resolve()).ready,
      second.consume('scan', () => Promise.resolve()).ready,
      first.publish('scan', { n: 1 }),
      second.publish('scan', { n: 2 }),
    ]);
    await eventually('both jobs done', async () => (await first.depth('scan')) === 0);
    // A process started with other settings brings the stream and the durable in line.
    const third = await openNats({ leaseMs: 2_000, dedupWindowMs: 5_000 });
    await third.consume('scan', () => Promise.resolve()).ready;
    const jsm = await admin.jetstreamManager();
    expect((await jsm.streams.info(`${prefix}-scan`)).config.duplicate_window).toBe(nanos(5_000));
    const durable = await jsm.consumers.info(`${prefix}-scan`, 'workers');
    expect(durable.config.ack_wait).toBe(nanos(2_000));
  });

  it('makes its stream and durable again when they are deleted under a running queue', async () => {
    const queue = await openNats();
    const seen: unknown[] = [];
    await queue.consume('assess', (job) => Promise.resolve(void seen.push(job.payload))).ready;
    await queue.publish('assess', { cluster: 'one' });
    await eventually('first job handled', () => seen.length === 1);
    const jsm = await admin.jetstreamManager();
    await jsm.streams.delete(`${prefix}-assess`);
    await queue.publish('assess', { cluster: 'two' });
    await eventually('second job handled', () => seen.length === 2);
    expect(seen).toEqual([{ cluster: 'one' }, { cluster: 'two' }]);
  });

  it('dead-letters a message that is not JSON without calling the handler', async () => {
    const queue = await openNats();
    await queue.depth('notify');
    const js = admin.jetstream();
    await js.publish(`${prefix}.notify`, 'not json {', { msgID: 'raw-1' });
    let called = false;
    queue.consume('notify', () => Promise.resolve(void (called = true)));
    await eventually('one dead job', async () => (await queue.dead('notify')).length === 1);
    const [dead] = await queue.dead('notify');
    expect(dead).toMatchObject({
      id: 'raw-1',
      payload: 'not json {',
      attempts: 1,
      error: 'the message is not JSON',
    });
    expect(called).toBe(false);
    expect(await queue.depth('notify')).toBe(0);
  });

  it('completes the job of a worker process killed mid-job in another process', async () => {
    const worker = startWorkerProcess();
    try {
      await worker.line(/^ready$/);
      const queue = await openNats();
      const { id } = await queue.publish('scan', { image: 'registry/app:1' });
      const [, heldId, attempt] = await worker.line(/^handling (\S+) (\d+)$/);
      expect([heldId, attempt]).toEqual([id, '1']);
      worker.child.kill('SIGKILL');
      expect(await worker.exited).toBe('SIGKILL');
      const done: Job[] = [];
      await queue.consume('scan', (job) => Promise.resolve(void done.push(job))).ready;
      await eventually('the job completed here', () => done.length === 1);
      expect(done[0]).toMatchObject({ id, attempt: 2, payload: { image: 'registry/app:1' } });
      await eventually('depth back to 0', async () => (await queue.depth('scan')) === 0);
    } finally {
      worker.child.kill('SIGKILL');
    }
  });

  it('names host:port, never the password, when the server cannot be reached', async () => {
    const port = await freePort();
    const failure = openQueue(`nats://palisade:s3cret@127.0.0.1:${port}`, { prefix });
    await expect(failure).rejects.toBeInstanceOf(ExternalHostError);
    await expect(failure).rejects.toThrow(`cannot reach NATS at 127.0.0.1:${port}`);
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('says so when the server has no JetStream', async () => {
    const port = await freePort();
    const server = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port)], {
      stdio: 'ignore',
    });
    try {
      await eventually('nats-server listening', () => listening(port));
      const failure = openQueue(`nats://127.0.0.1:${port}`);
      await expect(failure).rejects.toBeInstanceOf(ExternalHostError);
      await expect(failure).rejects.toThrow(`NATS at 127.0.0.1:${port} has no JetStream`);
    } finally {
      server.kill('SIGTERM');
    }
  });

  it('refuses a URL with a path, without a host, or a prefix that is not one token', async () => {
    await expect(openQueue('nats://127.0.0.1:4222/jobs')).rejects.toBeInstanceOf(UsageError);
    await expect(openQueue('nats://')).rejects.toBeInstanceOf(UsageError);
    await expect(openQueue(natsUrl, { prefix: 'a.b' })).rejects.toBeInstanceOf(UsageError);
    await expect(openQueue(natsUrl, { prefix: '*' })).rejects.toBeInstanceOf(UsageError);
    await expect(openQueue(`${natsUrl}?prefix=Bad.Prefix`)).rejects.toThrow(/prefix=/);
    await expect(openQueue(`${natsUrl}?stream=x`)).rejects.toThrow(/without a path or other query/);
    await expect(openQueue(`${natsUrl}?lease=5s`)).rejects.toThrow(/lease=/);
    await expect(openQueue(`${natsUrl}?lease=50`)).rejects.toThrow(/lease=/);
  });

  it('takes the lease from the URL as the consumer ack_wait', async () => {
    const fromUrl = `${prefix}-lease`;
    const queue = await openQueue(`${natsUrl}?prefix=${fromUrl}&lease=2500`);
    opened.push(queue);
    await queue.consume('scan', () => Promise.resolve()).ready;
    const jsm = await admin.jetstreamManager();
    expect((await jsm.consumers.info(`${fromUrl}-scan`, 'workers')).config.ack_wait).toBe(
      2_500_000_000
    );
  });

  it('takes the stream prefix from the URL, so deployments can share a server', async () => {
    // Under this test's prefix, so afterEach deletes the streams.
    const fromUrl = `${prefix}-url`;
    const queue = await openQueue(`${natsUrl}?prefix=${fromUrl}`);
    opened.push(queue);
    await queue.publish('scan', { image: 'a' });
    const jsm = await admin.jetstreamManager();
    expect((await jsm.streams.info(`${fromUrl}-scan`)).state.messages).toBe(1);
  });
});

interface WorkerProcess {
  child: ChildProcess;
  /** The next stdout line matching `pattern`, with its groups. */
  line(pattern: RegExp): Promise<RegExpMatchArray>;
  /** The signal that ended it. */
  exited: Promise<NodeJS.Signals | null>;
}

/** `vite-node worker-process.fixture.ts` as a real child process, the driver compiled on the fly. */
function startWorkerProcess(): WorkerProcess {
  const viteNode = dirname(dirname(createRequire(import.meta.url).resolve('vite-node')));
  const child = spawn(
    process.execPath,
    [
      join(viteNode, 'vite-node.mjs'),
      fileURLToPath(new URL('worker-process.fixture.ts', import.meta.url)),
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        QUEUE_TEST_URL: natsUrl,
        QUEUE_TEST_PREFIX: prefix,
        QUEUE_TEST_LEASE_MS: String(leaseMs),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  );
  const lines: string[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => {
    child.on('exit', (_code, signal) => resolve(signal));
  });
  let read = 0;
  async function line(pattern: RegExp): Promise<RegExpMatchArray> {
    const found: { match?: RegExpMatchArray | null } = {};
    await eventually(`worker to print ${pattern} (stderr: ${stderr})`, () => {
      while (!found.match && read < lines.length) {
        found.match = pattern.exec(lines[read++] ?? '');
      }
      return Boolean(found.match) || child.exitCode !== null;
    });
    if (!found.match) {
      throw new Error(`worker exited before printing ${pattern}: ${stderr}`);
    }
    return found.match;
  }
  return { child, line, exited };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('no port'));
        }
      });
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}
