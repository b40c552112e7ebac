/**
 * The platform at scale, as processes: `palisade serve --no-worker` and two `palisade worker`s on
 * the machine's PostgreSQL and NATS JetStream. Audit batches posted to a cluster's webhook are
 * judged by whichever worker takes them; one worker is killed with SIGKILL and the other carries
 * on; the server restarts and nothing is lost.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, podObject } from '../harness/audit-events.js';
import { exited, killAll, spawnPalisade, type PalisadeProcess } from '../harness/palisade-spawn.js';
import { createDatabase, deleteStreams, dropDatabase } from '../harness/platform-backends.js';

const suffix = randomBytes(5).toString('hex');
const database = `palisade_e2e_${suffix}`;
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
const prefix = `e2e-${suffix}`;
const queueUrl = `nats://127.0.0.1:4222?prefix=${prefix}`;
const adminToken = `e2e-admin-${randomBytes(24).toString('hex')}`;

type Running = PalisadeProcess;

const started: ChildProcess[] = [];

function palisade(args: string[]): Running {
  const running = spawnPalisade(args, { PALISADE_ADMIN_TOKEN: adminToken });
  started.push(running.child);
  return running;
}

const platformArgs = ['--database', databaseUrl, '--queue', queueUrl];

async function startServer(): Promise<{ process: Running; url: string }> {
  const server = palisade(['serve', '--listen', '127.0.0.1:0', '--no-worker', ...platformArgs]);
  const [, url] = await server.line(/listening on (\S+)/);
  return { process: server, url: url ?? '' };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const value = await read();
    if (done(value)) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('the condition never held');
}

beforeAll(async () => {
  await createDatabase(database);
});

afterAll(async () => {
  await killAll(started);
  await dropDatabase(database);
  await deleteStreams(prefix);
});

describe('palisade serve and two workers on PostgreSQL and NATS JetStream', () => {
  it('judges every batch once a worker is killed, and keeps everything over a server restart', async () => {
    let server = await startServer();
    const workers = [palisade(['worker', ...platformArgs]), palisade(['worker', ...platformArgs])];
    await Promise.all(workers.map((worker) => worker.line(/worker running/)));
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${server.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const created = await call('/api/v1/clusters', {
      method: 'POST',
      body: JSON.stringify({ name: 'prod-eu' }),
    });
    expect(created.status).toBe(201);
    const webhook = created.body['auditWebhook'] as { path: string; token: string };
    const post = async (pods: string[]) => {
      const response = await fetch(`${server.url}${webhook.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${webhook.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'EventList',
          apiVersion: 'audit.k8s.io/v1',
          items: pods.map((name) =>
            createEvent(
              'pods',
              podObject(name, 'shop', {}, { securityContext: { privileged: true } })
            )
          ),
        }),
      });
      expect(response.status).toBe(200);
    };
    const names = Array.from({ length: 24 }, (_, index) => `web-${index}`);
    const alerted = async () => {
      const answer = await call('/api/v1/alerts?rule=privileged-container&limit=500');
      return new Set(
        ((answer.body['items'] as { alert?: { object?: { name?: string } } }[] | undefined) ?? [])
          .map((item) => item.alert?.object?.name)
          .filter((name): name is string => name !== undefined)
      );
    };

    for (let at = 0; at < 12; at += 3) {
      await post(names.slice(at, at + 3));
    }
    workers[0]?.child.kill('SIGKILL');
    await exited(workers[0]?.child as ChildProcess);
    for (let at = 12; at < 24; at += 3) {
      await post(names.slice(at, at + 3));
    }
    const seen = await eventually(alerted, (found) => found.size === names.length);
    expect([...seen].sort()).toEqual([...names].sort());

    // SIGINT: under vite-node, Vite's own SIGTERM handler would end the process first.
    server.process.child.kill('SIGINT');
    expect(await exited(server.process.child)).toBe(0);
    server = await startServer();
    expect(server.process.said.join('\n')).not.toContain('admin API token');
    expect([...(await alerted())].sort()).toEqual([...names].sort());
  }, 180_000);
});
