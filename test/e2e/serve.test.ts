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
import { eventually, serveInProcess, type ServingPlatform } from '../harness/serve-in-process.js';

type Running = ServingPlatform;
const serve = serveInProcess;

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
    const alerts = await eventually(async () => {
      const answer = await api(first, token ?? '', '/api/v1/alerts');
      return ((answer.body['items'] as unknown[] | undefined) ?? []).length > 0
        ? answer
        : undefined;
    }, 'an alert');
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
    expect(await main(['serve', '--assess-interval', '5', '--data-dir', dataDir], io)).toBe(2);
    expect(said).toContain('--assess-interval must be a whole number with a unit');
    expect(await main(['serve', '--scan-interval', '10s', '--data-dir', dataDir], io)).toBe(2);
    expect(said).toContain('--scan-interval must be at least 1m');
    expect(await main(['worker', '--data-dir', dataDir], io)).toBe(2);
    expect(said).toContain('palisade worker needs --queue nats://');
  });
});
