/**
 * `palisade serve` as a user starts it: the embedded defaults (SQLite in the data dir, the
 * in-process queue and worker), the first-start admin token, the API over real HTTP, an audit
 * batch through a cluster's webhook into stored alerts, and a restart that loses nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { auditEvent, createEvent, podObject } from '../harness/audit-events.js';

interface Running {
  url: string;
  said: () => string;
  stop: () => Promise<number>;
}

async function serve(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const stderr = new PassThrough();
  let said = '';
  const listening = new Promise<string>((resolve, reject) => {
    stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString('utf8');
      const found = /listening on (\S+)/.exec(said);
      if (found?.[1]) {
        resolve(found[1]);
      }
    });
    setTimeout(() => reject(new Error(`serve did not start: ${said}`)), 30_000).unref();
  });
  const stopper = new AbortController();
  const done = main(['serve', '--listen', '127.0.0.1:0', ...args], {
    env: { HOME: '/nonexistent', ...env },
    stdin: new PassThrough(),
    stdout: new PassThrough() as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stop: stopper.signal,
  });
  const url = await Promise.race([
    listening,
    done.then((code) => {
      throw new Error(`serve exited ${code}: ${said}`);
    }),
  ]);
  return {
    url,
    said: () => said,
    stop: () => {
      stopper.abort();
      return done;
    },
  };
}

async function api(
  running: Running,
  token: string,
  path: string,
  init: RequestInit = {}
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${running.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await read();
    if (done(value)) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the condition never held');
}

describe('palisade serve', () => {
  it('prints the admin token once, judges a webhook batch into alerts, and keeps them over a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'palisade-serve-'));
    const first = await serve(['--data-dir', dataDir]);
    const token = /admin API token \(shown once; it is stored hashed\): (\S+)/.exec(
      first.said()
    )?.[1];
    expect(token).toMatch(/^pal_/);

    expect((await api(first, 'pal_wrong', '/api/v1/clusters')).status).toBe(401);
    const created = await api(first, token ?? '', '/api/v1/clusters', {
      method: 'POST',
      body: JSON.stringify({ name: 'prod-eu' }),
    });
    expect(created.status).toBe(201);
    const cluster = created.body as { id: string; auditWebhook: { path: string; token: string } };
    const webhook = await fetch(`${first.url}${cluster.auditWebhook.path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${cluster.auditWebhook.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        kind: 'EventList',
        apiVersion: 'audit.k8s.io/v1',
        items: [
          createEvent(
            'pods',
            podObject('web', 'shop', {}, { securityContext: { privileged: true } })
          ),
          auditEvent({ verb: 'get' }),
        ],
      }),
    });
    expect(webhook.status).toBe(200);
    const alerts = await eventually(
      () => api(first, token ?? '', '/api/v1/alerts'),
      (answer) => ((answer.body['items'] as unknown[] | undefined) ?? []).length > 0
    );
    expect(JSON.stringify(alerts.body)).toContain('privileged-container');
    expect(await first.stop()).toBe(0);

    const second = await serve(['--data-dir', dataDir]);
    expect(second.said()).not.toContain('admin API token');
    const kept = await api(second, token ?? '', '/api/v1/alerts');
    expect(kept.status).toBe(200);
    expect(JSON.stringify(kept.body)).toContain('privileged-container');
    expect(await second.stop()).toBe(0);
  });

  it('adopts PALISADE_ADMIN_TOKEN on first start, and refuses a bad --listen or database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'palisade-serve-'));
    const chosen = `admin-token-${'x'.repeat(32)}`;
    const running = await serve(['--data-dir', dataDir], { PALISADE_ADMIN_TOKEN: chosen });
    expect(running.said()).toContain('the admin token is the one in PALISADE_ADMIN_TOKEN');
    expect(running.said()).not.toContain(chosen);
    expect((await api(running, chosen, '/api/v1/tokens')).status).toBe(200);
    expect(await running.stop()).toBe(0);

    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (chunk: Buffer) => (said += chunk.toString('utf8')));
    const io = {
      env: { HOME: '/nonexistent' },
      stdin: new PassThrough(),
      stdout: new PassThrough() as unknown as NodeJS.WriteStream,
      stderr: stderr as unknown as NodeJS.WriteStream,
    };
    expect(await main(['serve', '--listen', 'nowhere'], io)).toBe(2);
    expect(said).toContain('--listen must be host:port');
    expect(await main(['serve', '--database', 'mysql://db/x', '--data-dir', dataDir], io)).toBe(2);
    expect(said).toContain('unsupported database');
    expect(await main(['serve', '--no-worker', '--data-dir', dataDir], io)).toBe(2);
    expect(said).toContain('--no-worker needs --queue nats://');
    expect(await main(['worker', '--data-dir', dataDir], io)).toBe(2);
    expect(said).toContain('palisade worker needs --queue nats://');
  });
});
