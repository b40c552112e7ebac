import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExternalHostError, InputError, NotFoundError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { source } from './index.js';

const sample = readFileSync(join(import.meta.dirname, 'tracker-sample.json'));

let root: string;
let server: Server;
let base: string;

function freshContext(): SourceContext {
  return { logger: silentLogger, tempDir: mkdtempSync(join(root, 'temp-')), timeoutMs: 5000 };
}

async function collect(location: string): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of source.read(location, freshContext())) {
    items.push(item);
  }
  return items;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'palisade-debian-tracker-http-'));
  server = createServer((request, response) => {
    switch (new URL(request.url ?? '/', 'http://test').pathname) {
      case '/tracker/data/json':
        response.writeHead(200, { 'content-type': 'application/json' }).end(sample);
        return;
      case '/cut':
        // A complete response whose body is not complete JSON: the tracker's own output,
        // cut off by a proxy.
        response.writeHead(200).end(sample.subarray(0, 700));
        return;
      case '/broken':
        response.writeHead(503).end('maintenance');
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

describe('debian-tracker source: http(s) locations', () => {
  it('downloads the JSON and reads it, with origins named after the URL', async () => {
    const items = await collect(`${base}/tracker/data/json`);

    expect(items.map((item) => `${item.kind} ${item.origin}`)).toEqual([
      'record json:bash/TEMP-0000000-F7A20F',
      'record json:bind9/CVE-2023-3341',
      'record json:glibc/CVE-2019-1010022',
      'record json:glibc/CVE-2025-4802',
      'record json:openssl/CVE-2023-5678',
      'error json:zlib/CVE-2023-45853',
      'record json:zlib/CVE-2023-45853',
    ]);
  });

  it('throws InputError naming the URL, without its query, for a truncated download', async () => {
    const failure = collect(`${base}/cut?token=hunter2`);

    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow(`${base}/cut is truncated: it ends inside the package`);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it('throws NotFoundError for a 404 and ExternalHostError for a 503', async () => {
    await expect(collect(`${base}/nothing`)).rejects.toBeInstanceOf(NotFoundError);
    await expect(collect(`${base}/broken`)).rejects.toBeInstanceOf(ExternalHostError);
    await expect(collect(`${base}/broken`)).rejects.toThrow(`${base}/broken: HTTP 503`);
  });
});
