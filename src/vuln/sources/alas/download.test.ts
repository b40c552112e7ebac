import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExternalHostError, InputError, NotFoundError } from '../../../core/errors.js';
import { silentLogger } from '../../../core/logger.js';
import { OsvRecord } from '../../osv/schema.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { source } from './index.js';

let root: string;
let server: Server;
let base: string;

const updateinfo = `<?xml version="1.0" encoding="UTF-8"?>
<updates>
  <update author="linux-security@amazon.com" from="linux-security@amazon.com" status="final" type="security" version="1.4">
    <id>ALAS2023-2024-500</id>
    <title>Amazon Linux 2023 - ALAS2023-2024-500: medium priority package update for expat</title>
    <issued date="2024-02-07 22:55"/>
    <updated date="2024-02-14 20:50"/>
    <severity>medium</severity>
    <description>libexpat through 2.5.0 allows a denial of service (resource consumption).</description>
    <references>
      <reference href="https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2023-52425" id="CVE-2023-52425" title="" type="cve"/>
    </references>
    <pkglist>
      <collection short="amazon-linux-2023">
        <name>amazon-linux-2023</name>
        <package arch="x86_64" epoch="0" name="expat" release="1.amzn2023.0.3" version="2.5.0"><filename>Packages/expat-2.5.0-1.amzn2023.0.3.x86_64.rpm</filename></package>
        <package arch="aarch64" epoch="0" name="expat" release="1.amzn2023.0.3" version="2.5.0"><filename>Packages/expat-2.5.0-1.amzn2023.0.3.aarch64.rpm</filename></package>
      </collection>
    </pkglist>
  </update>
</updates>
`;

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
  root = mkdtempSync(join(tmpdir(), 'palisade-alas-http-'));
  server = createServer((request, response) => {
    switch (new URL(request.url ?? '/', 'http://test').pathname) {
      case '/2023/updateinfo.xml':
        response.writeHead(200, { 'content-type': 'application/xml' }).end(updateinfo);
        return;
      case '/2023/repodata/0123abcd-updateinfo.xml.gz':
        response.writeHead(200, { 'content-type': 'application/gzip' }).end(gzipSync(updateinfo));
        return;
      case '/html':
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body/></html>');
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

describe('alas source: http(s) locations', () => {
  it('downloads updateinfo.xml and converts it', async () => {
    const items = await collect(`${base}/2023/updateinfo.xml`);

    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item?.kind).toBe('record');
    if (item?.kind === 'record') {
      expect(item.origin).toBe('updateinfo.xml:ALAS2023-2024-500');
      expect(OsvRecord.safeParse(item.record).success).toBe(true);
      expect(item.record.affected).toEqual([
        {
          package: { ecosystem: 'Amazon Linux:2023', name: 'expat' },
          ranges: [
            { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.5.0-1.amzn2023.0.3' }] },
          ],
        },
      ]);
    }
  });

  it('downloads and gunzips a repository’s updateinfo.xml.gz, query and all', async () => {
    const items = await collect(`${base}/2023/repodata/0123abcd-updateinfo.xml.gz?x=1`);

    expect(items.map((item) => `${item.kind} ${item.origin}`)).toEqual([
      'record 0123abcd-updateinfo.xml.gz:ALAS2023-2024-500',
    ]);
  });

  it('throws NotFoundError for a 404, ExternalHostError for a 503, InputError for a page that is not updateinfo', async () => {
    await expect(collect(`${base}/2023/missing.xml`)).rejects.toBeInstanceOf(NotFoundError);
    await expect(collect(`${base}/broken`)).rejects.toBeInstanceOf(ExternalHostError);
    await expect(collect(`${base}/html`)).rejects.toThrow(InputError);
    await expect(collect(`${base}/html`)).rejects.toThrow(
      'html: the root element is <html>, not <updates> (line 1)'
    );
  });
});
