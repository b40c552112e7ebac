import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import type { AnySourceItem, SourceContext } from '../../source/types.js';
import { source } from './index.js';

const samplePath = new URL('./kev-sample.json', import.meta.url).pathname;
let root: string;
let server: Server;
let base: string;

function freshContext(): SourceContext {
  return { logger: silentLogger, tempDir: mkdtempSync(join(root, 'temp-')), timeoutMs: 5000 };
}

async function collect(location: string): Promise<AnySourceItem[]> {
  const items: AnySourceItem[] = [];
  for await (const item of source.read(location, freshContext())) {
    items.push(item);
  }
  return items;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'palisade-kev-'));
  server = createServer((request, response) => {
    if (request.url === '/feeds/known_exploited_vulnerabilities.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(readFileSync(samplePath));
      return;
    }
    response.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('kev source', () => {
  it('yields each catalog entry as an exploited CVE, ransomware use read from the catalog', async () => {
    const items = await collect(samplePath);

    expect(items.filter((item) => item.kind === 'exploited')).toEqual([
      {
        kind: 'exploited',
        cveId: 'CVE-2021-44228',
        exploited: { dateAdded: '2021-12-10', dueDate: '2021-12-24', ransomware: true },
        origin: 'kev-sample.json:vulnerabilities[0]',
      },
      {
        kind: 'exploited',
        cveId: 'CVE-2023-44487',
        exploited: { dateAdded: '2023-10-10', dueDate: '2023-10-31', ransomware: false },
        origin: 'kev-sample.json:vulnerabilities[1]',
      },
    ]);
  });

  it('reports a malformed entry, naming its index and field, and goes on', async () => {
    const errors = (await collect(samplePath)).filter((item) => item.kind === 'error');

    expect(errors).toEqual([
      {
        kind: 'error',
        origin: 'kev-sample.json:vulnerabilities[2]',
        message: 'cveID: expected a CVE id (CVE-YYYY-NNNN)',
      },
      {
        kind: 'error',
        origin: 'kev-sample.json:vulnerabilities[3]',
        message: 'dateAdded: expected a YYYY-MM-DD date',
      },
    ]);
  });

  it('downloads the catalog from an http(s) URL', async () => {
    const items = await collect(`${base}/feeds/known_exploited_vulnerabilities.json`);

    expect(items.filter((item) => item.kind === 'exploited').map((item) => item.origin)).toEqual([
      'known_exploited_vulnerabilities.json:vulnerabilities[0]',
      'known_exploited_vulnerabilities.json:vulnerabilities[1]',
    ]);
  });

  it('refuses a missing file, a document that is not JSON and one that is not the catalog', async () => {
    const notJson = join(root, 'not.json');
    writeFileSync(notJson, '<html/>');
    const otherJson = join(root, 'other.json');
    writeFileSync(otherJson, JSON.stringify({ vulns: [] }));

    await expect(collect(join(root, 'missing.json'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(collect(`${base}/missing.json`)).rejects.toBeInstanceOf(NotFoundError);
    await expect(collect(notJson)).rejects.toThrow(/not\.json: not JSON/);
    await expect(collect(otherJson)).rejects.toThrow(InputError);
    await expect(collect(otherJson)).rejects.toThrow(
      'not a known-exploited catalog: vulnerabilities:'
    );
  });
});
