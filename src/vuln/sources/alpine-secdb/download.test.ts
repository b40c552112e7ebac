import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExternalHostError, NotFoundError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { source } from './index.js';

let root: string;
let server: Server;
let base: string;

const mainJson = JSON.stringify({
  apkurl: '{{urlprefix}}/{{distroversion}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk',
  archs: ['x86_64', 'aarch64'],
  reponame: 'main',
  urlprefix: 'https://dl-cdn.alpinelinux.org/alpine',
  distroversion: 'v3.20',
  packages: [
    {
      pkg: { name: 'openssl', secfixes: { '3.3.2-r0': ['CVE-2024-6119'], '0': ['CVE-2000-0001'] } },
    },
    { pkg: { name: 'busybox', secfixes: { '1.36.1-r29': ['CVE-2023-42363 CVE-2023-42364'] } } },
  ],
});

const mainYaml =
  '---\ndistroversion: v3.11\nreponame: main\npackages:\n  - pkg:\n      name: ansible\n      secfixes:\n        2.9.3-r0:\n          - CVE-2019-14904\n';

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

function summary(items: readonly SourceItem[]): string[] {
  return items.map((item) =>
    item.kind === 'record' ? `record ${item.origin} ${item.record.id}` : `error ${item.origin}`
  );
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'palisade-secdb-http-'));
  server = createServer((request, response) => {
    switch (new URL(request.url ?? '/', 'http://test').pathname) {
      case '/v3.20/main.json':
      case '/latest':
        response.writeHead(200, { 'content-type': 'application/json' }).end(mainJson);
        return;
      case '/v3.11/main.yaml':
        response.writeHead(200, { 'content-type': 'application/yaml' }).end(mainYaml);
        return;
      case '/broken':
        response.writeHead(500).end('internal error');
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

describe('alpine-secdb source: http(s) locations', () => {
  it('downloads secdb JSON, as secdb.alpinelinux.org serves it, and converts it', async () => {
    const items = await collect(`${base}/v3.20/main.json`);

    expect(summary(items)).toEqual([
      'record main.json ALPINE-v3.20-CVE-2023-42363',
      'record main.json ALPINE-v3.20-CVE-2023-42364',
      'record main.json ALPINE-v3.20-CVE-2024-6119',
    ]);
    expect(items[2]).toMatchObject({
      record: {
        affected: [
          {
            package: { ecosystem: 'Alpine:v3.20', name: 'openssl' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.3.2-r0' }] }],
          },
        ],
      },
    });
  });

  it('reads the YAML form behind a URL, and JSON behind a URL whose name says nothing', async () => {
    expect(summary(await collect(`${base}/v3.11/main.yaml?ref=master`))).toEqual([
      'record main.yaml ALPINE-v3.11-CVE-2019-14904',
    ]);
    expect(summary(await collect(`${base}/latest`))).toHaveLength(3);
  });

  it('throws NotFoundError naming the URL for a 404', async () => {
    const failure = collect(`${base}/v3.99/main.json`);

    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toThrow(`${base}/v3.99/main.json: HTTP 404 Not Found`);
  });

  it('throws ExternalHostError for a server error', async () => {
    await expect(collect(`${base}/broken`)).rejects.toBeInstanceOf(ExternalHostError);
  });
});
