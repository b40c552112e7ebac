import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipOf } from '../../../../test/harness/zip-writer.js';
import { ExternalHostError, NotFoundError, UsageError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { source } from './index.js';

let root: string;
let server: Server;
let base: string;

function record(id: string): string {
  return JSON.stringify({ id, modified: '2024-01-01T00:00:00Z' });
}

const archive = zipOf([
  { name: 'PYSEC-1.json', content: record('PYSEC-1') },
  { name: 'PYSEC-2.json', content: record('PYSEC-2') },
]);

/** Each test gets its own temporary folder, to see what was written there. */
function freshContext(overrides: Partial<SourceContext> = {}): SourceContext {
  return {
    logger: silentLogger,
    tempDir: mkdtempSync(join(root, 'temp-')),
    timeoutMs: 5000,
    ...overrides,
  };
}

async function collect(location: string, context: SourceContext): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read(location, context)) {
    items.push(item);
  }
  return items;
}

function origins(items: readonly SourceItem[]): string[] {
  return items.map((item) => `${item.kind} ${item.origin}`);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'palisade-osv-http-'));
  server = createServer((request, response) => {
    switch (new URL(request.url ?? '/', 'http://test').pathname) {
      case '/PyPI/all.zip':
        response.writeHead(200, { 'content-type': 'application/zip' }).end(archive);
        return;
      case '/GHSA-1.json':
        response.writeHead(200, { 'content-type': 'application/json' }).end(record('GHSA-1'));
        return;
      case '/broken':
        response.writeHead(500).end('internal error');
        return;
      case '/stall':
        // Headers, a first chunk, then silence: only the idle timeout ends this.
        response.writeHead(200).write(archive.subarray(0, 10));
        return;
      default:
        response.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('osv source: http(s) locations', () => {
  it('downloads a zip into the temporary folder and reads its records', async () => {
    const context = freshContext();

    const items = await collect(`${base}/PyPI/all.zip`, context);

    expect(origins(items)).toEqual(['record all.zip:PYSEC-1.json', 'record all.zip:PYSEC-2.json']);
    const written = readdirSync(context.tempDir, { recursive: true, encoding: 'utf8' });
    expect(written).toEqual([
      expect.stringMatching(/^osv-/),
      expect.stringMatching(/^osv-.+\/all\.zip$/),
    ]);
  });

  it('reads a single JSON record behind a URL', async () => {
    const items = await collect(`${base}/GHSA-1.json?ref=main`, freshContext());

    expect(origins(items)).toEqual(['record GHSA-1.json']);
  });

  it('throws NotFoundError naming the URL for a 404', async () => {
    const failure = collect(`${base}/PyPI/missing.zip`, freshContext());

    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toThrow(`${base}/PyPI/missing.zip: HTTP 404 Not Found`);
  });

  it('throws ExternalHostError naming the URL and status for a 500, without the query', async () => {
    const failure = collect(`${base}/broken?token=hunter2`, freshContext());

    await expect(failure).rejects.toBeInstanceOf(ExternalHostError);
    await expect(failure).rejects.toThrow(`${base}/broken: HTTP 500 Internal Server Error`);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it('throws ExternalHostError when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));

    const failure = collect(`http://127.0.0.1:${port}/all.zip`, freshContext());

    await expect(failure).rejects.toBeInstanceOf(ExternalHostError);
    await expect(failure).rejects.toThrow(/ECONNREFUSED/);
  });

  it('gives up with ExternalHostError when the server stops sending', async () => {
    const failure = collect(`${base}/stall`, freshContext({ timeoutMs: 200 }));

    await expect(failure).rejects.toBeInstanceOf(ExternalHostError);
    await expect(failure).rejects.toThrow(`${base}/stall: no data for 200 ms`);
  });

  it('passes the caller’s own abort through as it is', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by the caller');
    controller.abort(reason);

    await expect(
      collect(`${base}/PyPI/all.zip`, freshContext({ signal: controller.signal }))
    ).rejects.toBe(reason);
  });

  it('refuses credentials in the URL without sending them anywhere', async () => {
    const failure = collect(`http://user:secret@127.0.0.1:1/all.zip`, freshContext());

    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.not.toThrow(/secret/);
  });
});
