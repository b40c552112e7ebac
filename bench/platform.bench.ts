import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connect } from 'nats';
import pg from 'pg';
import { createLogger } from '../src/core/logger.js';
import { startAuditPipeline } from '../src/platform/audit-pipeline/index.js';
import { buildServer } from '../src/platform/http/server.js';
import { openQueue, type Queue } from '../src/platform/queue/index.js';
import { openStore, type Store } from '../src/platform/store/index.js';
import { auditMix } from './audit-mix.js';

const count = Number(process.env['BENCH_EVENTS'] ?? 40_000);
const batchSize = 400;
const postgresAdmin = 'postgres://postgres@127.0.0.1:5432/postgres';
const bin = fileURLToPath(new URL('../../bin/palisade.js', import.meta.url));
const logger = createLogger({ level: 'error' });

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Audit events accepted and evaluated end to end: 400-event EventLists POSTed to a cluster's
 * webhook on `palisade serve`'s API, queued, judged by the workers with every rule and folded
 * into alerts in the store; timed from the first POST until the queue is empty (every job
 * acknowledged, so every alert stored).
 */
async function run(
  name: string,
  store: Store,
  queue: Queue,
  startWorkers: () => Promise<() => Promise<void>>
): Promise<string> {
  const app = buildServer({ store, queue, logger, version: 'bench' });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const stopWorkers = await startWorkers();
  const cluster = await store.clusters.add({
    name: `bench-${randomBytes(3).toString('hex')}`,
    source: 'eks',
  });
  const { token } = await store.webhookTokens.create(cluster.id);
  const events = auditMix(count);
  const bodies: string[] = [];
  for (let at = 0; at < events.length; at += batchSize) {
    bodies.push(
      `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[${events.slice(at, at + batchSize).join(',')}]}`
    );
  }
  const start = process.hrtime.bigint();
  for (const body of bodies) {
    const response = await fetch(`${url}/api/v1/clusters/${cluster.id}/audit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
    if (response.status !== 200) {
      throw new Error(`${name}: the webhook answered ${response.status}`);
    }
  }
  const accepted = Number(process.hrtime.bigint() - start) / 1e6;
  await until(async () => (await queue.depth('audit-events')) === 0);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const alerts = (await store.alerts.list({ clusterId: cluster.id, limit: 500 })).items.length;
  await stopWorkers();
  await app.close();
  const rate = (time: number) => Math.round((count / time) * 1000).toLocaleString('en');
  return `  ${name.padEnd(50)} accepted ${rate(accepted)} events/s, evaluated and stored ${rate(ms)} events/s (${ms.toFixed(0)} ms, ${alerts} alerts)`;
}

async function sqliteInProcess(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-platform-'));
  const store = await openStore(`sqlite:${join(dir, 'palisade.db')}`, { logger });
  const queue = await openQueue(undefined, { logger });
  try {
    return await run('SQLite, in-process queue and worker', store, queue, async () => {
      const pipeline = startAuditPipeline({ store, queue, logger });
      await pipeline.ready;
      return () => pipeline.close();
    });
  } finally {
    await queue.close();
    await store.close();
  }
}

function worker(databaseUrl: string, queueUrl: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [bin, 'worker', '--database', databaseUrl, '--queue', queueUrl],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'error' },
    }
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stderr }).on('line', (line) => {
      if (line.includes('worker running')) {
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`a worker exited ${code}`)));
  });
}

async function postgresAndNats(): Promise<string> {
  const suffix = randomBytes(5).toString('hex');
  const database = `palisade_bench_${suffix}`;
  const prefix = `bench-${suffix}`;
  const admin = new pg.Client({ connectionString: postgresAdmin });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  const queueUrl = `nats://127.0.0.1:4222?prefix=${prefix}`;
  const store = await openStore(databaseUrl, { logger });
  const queue = await openQueue(queueUrl, { logger });
  try {
    return await run(
      'PostgreSQL + NATS JetStream, two worker processes',
      store,
      queue,
      async () => {
        const workers = await Promise.all([
          worker(databaseUrl, queueUrl),
          worker(databaseUrl, queueUrl),
        ]);
        return async () => {
          for (const child of workers) {
            child.kill('SIGINT');
          }
          await Promise.all(
            workers.map((child) => new Promise((resolve) => child.once('exit', resolve)))
          );
        };
      }
    );
  } finally {
    await queue.close();
    await store.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    const nats = await connect({ servers: '127.0.0.1:4222' });
    const jsm = await nats.jetstreamManager();
    for await (const stream of jsm.streams.names()) {
      if (stream.startsWith(`${prefix}-`)) {
        await jsm.streams.delete(stream);
      }
    }
    await nats.close();
  }
}

const lines = [
  `platform: ${count} audit events in ${batchSize}-event EventLists through a cluster's webhook, every rule, alerts into the store`,
  await sqliteInProcess(),
  await postgresAndNats(),
];
process.stdout.write(`${lines.join('\n')}\n`);
