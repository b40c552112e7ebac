import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../core/alert.js';
import { UsageError } from '../core/errors.js';
import { AlertStream } from './alert-stream.js';
import { jsonLinesOutput } from './outputs/json-lines/index.js';
import { describeUrl } from '../core/url.js';
import { webhookOutput } from './outputs/webhook/index.js';

function alert(id: string, count = 1): Alert {
  return {
    id,
    rule: 'pod-exec',
    kind: 'rule',
    title: 'Exec into a pod',
    severity: 'low',
    mitre: ['T1609'],
    equivalents: { falco: 'Attach/Exec Pod' },
    message: 'alice exec into shop/web',
    cluster: 'prod',
    identity: { username: 'alice', groups: [] },
    sourceIPs: ['203.0.113.10'],
    evidence: { auditIDs: ['a'], fields: {} },
    firstSeen: '2026-11-02T09:00:00.000000Z',
    lastSeen: '2026-11-02T09:00:00.000000Z',
    count,
  };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function lines(stream: PassThrough): Record<string, unknown>[] {
  const text = (stream.read() as Buffer | null)?.toString('utf8') ?? '';
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('AlertStream', () => {
  it('sends a new alert at once and its repeats as one update per flush', async () => {
    const sink = new PassThrough();
    const stream = new AlertStream([jsonLinesOutput(sink, false)], 60_000);
    const first = alert('a');
    stream.onAlert(first, true);
    first.count = 2;
    stream.onAlert(first, false);
    first.count = 3;
    stream.onAlert(first, false);
    stream.onAlert(alert('b'), true);
    await stream.close();

    expect(lines(sink).map((line) => [line['id'], line['count']])).toEqual([
      ['a', 1],
      ['b', 1],
      ['a', 3],
    ]);
  });
});

async function receiver(
  statuses: number[]
): Promise<{ url: string; bodies: unknown[]; headers: IncomingMessage['headers'][] }> {
  const bodies: unknown[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      headers.push(request.headers);
      response.statusCode = statuses.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/alerts`, bodies, headers };
}

describe('webhookOutput', () => {
  it('POSTs the batch as JSON with the token, retrying a refusal', async () => {
    const { url, bodies, headers } = await receiver([503, 200]);
    const output = webhookOutput({ url, token: 's3cr3t', backoffMs: 1 });
    await output.send([alert('a'), alert('b')]);

    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toMatchObject({ alerts: [{ id: 'a' }, { id: 'b' }] });
    expect(headers[1]?.authorization).toBe('Bearer s3cr3t');
  });

  it('gives a batch up after its attempts without throwing', async () => {
    const { url, bodies } = await receiver([500, 500]);
    const output = webhookOutput({ url, attempts: 2, backoffMs: 1 });
    await expect(output.send([alert('a')])).resolves.toBeUndefined();
    expect(bodies).toHaveLength(2);
  });

  it('refuses what is not an http(s) URL, and never names credentials', () => {
    expect(() => webhookOutput({ url: 'not a url' })).toThrow(UsageError);
    expect(() => webhookOutput({ url: 'file:///etc/passwd' })).toThrow(/http\(s\) URL/);
    expect(describeUrl(new URL('https://user:pw@hooks.example/a/b?token=x'))).toBe(
      'https://hooks.example/a/b'
    );
  });
});
