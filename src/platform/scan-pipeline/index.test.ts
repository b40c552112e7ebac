import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedIn, listSource, recordItem } from '../../../test/harness/advisory-db.js';
import { LayoutWriter } from '../../../test/harness/oci-builder.js';
import { pushOciLayout, startRegistry, type TestRegistry } from '../../../test/harness/registry.js';
import { silentLogger } from '../../core/logger.js';
import { readSbom } from '../../sbom/index.js';
import { buildAdvisoryDb } from '../../vuln/index.js';
import type { OsvRecord } from '../../vuln/osv/schema.js';
import { openQueue, type Queue } from '../queue/index.js';
import { openStore, type Image, type Scan, type Store } from '../store/index.js';
import {
  enqueueRegistryDiscovery,
  enqueueRematch,
  noDatabaseNote,
  publishDiscovery,
  queueScan,
  registryHost,
  startScanPipeline,
  type ScanPipeline,
} from './index.js';

const busyboxInstalled = [
  'P:musl\nV:1.2.5-r0\nA:x86_64\no:musl\nL:MIT\n',
  'P:busybox\nV:1.36.1-r29\nA:x86_64\no:busybox\nL:GPL-2.0-only\n',
  'P:ssl_client\nV:1.36.1-r29\nA:x86_64\no:busybox\nL:GPL-2.0-only\n',
].join('\n');
const zlibInstalled = 'P:zlib\nV:1.3-r0\nA:x86_64\no:zlib\nL:Zlib\n';

function alpine(installed: string) {
  return {
    layers: [
      { entries: [{ name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.20.3\n' }] },
      { entries: [{ name: 'lib/apk/db/installed', content: installed }] },
    ],
  };
}

async function buildDb(path: string, records: OsvRecord[], builtAt: string, work: string) {
  await buildAdvisoryDb(
    path,
    [{ source: listSource(records.map((record) => recordItem(record))), location: 'test' }],
    {
      logger: silentLogger,
      toolVersion: '9.9.9',
      tempDir: work,
      timeoutMs: 1000,
      now: () => new Date(builtAt),
    }
  );
}

async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let tries = 0; tries < 600; tries += 1) {
    const found = await probe();
    if (found !== undefined) {
      return found;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('gave up waiting');
}

let work: string;
let registry: TestRegistry;
let digests: { busybox: string; zlib: string };

beforeAll(async () => {
  [work, registry] = await Promise.all([
    mkdtemp(join(tmpdir(), 'palisade-scan-pipeline-')),
    startRegistry({ auth: 'htpasswd' }),
  ]);
  const layout = new LayoutWriter(join(work, 'layout'));
  await layout.tag('busybox', alpine(busyboxInstalled));
  await layout.tag('zlib', alpine(zlibInstalled));
  digests = {
    busybox: await pushOciLayout(layout.dir, 'apps/busybox:1', registry, { layoutTag: 'busybox' }),
    zlib: await pushOciLayout(layout.dir, 'apps/zlib:1', registry, { layoutTag: 'zlib' }),
  };
  // A second tag on the same digest: one image with two tags.
  await pushOciLayout(layout.dir, 'apps/busybox:latest', registry, { layoutTag: 'busybox' });
  await buildDb(
    join(work, 'first.db'),
    [
      fixedIn('CVE-2023-42366', 'Alpine:v3.20', 'busybox', '1.36.1-r30'),
      fixedIn('CVE-2023-0002', 'Alpine:v3.20', 'zlib', '1.3.1-r0'),
    ],
    '2024-06-01T00:00:00Z',
    work
  );
  await buildDb(
    join(work, 'second.db'),
    [
      fixedIn('CVE-2023-0002', 'Alpine:v3.20', 'zlib', '1.3.1-r0'),
      fixedIn('CVE-2024-0003', 'Alpine:v3.20', 'musl', '1.2.6-r0'),
    ],
    '2024-07-01T00:00:00Z',
    work
  );
});

afterAll(async () => {
  await registry.stop();
  await rm(work, { recursive: true, force: true });
});

interface Harness {
  store: Store;
  queue: Queue;
  pipeline: ScanPipeline;
  close(): Promise<void>;
}

async function harness(
  name: string,
  options: { advisoryDbPath?: string; maxAttempts?: number } = {}
): Promise<Harness> {
  const store = await openStore(`sqlite:${join(work, `${name}.db`)}`, {
    env: { PALISADE_SECRET_KEY: randomBytes(32).toString('base64') },
  });
  const maxAttempts = options.maxAttempts ?? 3;
  const queue = await openQueue('memory:', { retryDelayMs: 10, maxAttempts });
  const pipeline = startScanPipeline({
    store,
    queue,
    maxAttempts,
    ...(options.advisoryDbPath !== undefined ? { advisoryDbPath: options.advisoryDbPath } : {}),
    registry: { timeoutMs: 5000, maxRetries: 0 },
    transport: { backoff: { baseMs: 5, maxMs: 20, retryAfterCapMs: 100 } },
  });
  await pipeline.ready;
  return {
    store,
    queue,
    pipeline,
    async close() {
      await pipeline.close();
      await queue.close();
      await store.close();
    },
  };
}

async function addRegistry(store: Store, name: string, password = registry.password) {
  return await store.registries.add({
    name,
    url: `http://${registry.host}`,
    username: registry.username,
    secret: password,
  });
}

async function imagesOf(store: Store, registryId: string): Promise<Image[]> {
  return (await store.images.list({ registryId })).items;
}

async function scansOf(store: Store, imageId: string): Promise<Scan[]> {
  return (await store.scans.list({ imageId })).items;
}

/** Every image of the registry with a finished scan (done or failed) and nothing queued. */
async function settled(store: Store, registryId: string, count: number): Promise<Image[]> {
  return await eventually(async () => {
    const images = await imagesOf(store, registryId);
    if (images.length < count) {
      return undefined;
    }
    for (const image of images) {
      const scans = await scansOf(store, image.id);
      if (scans.length === 0 || scans.some((scan) => ['queued', 'running'].includes(scan.status))) {
        return undefined;
      }
    }
    return images;
  });
}

describe('registryHost', () => {
  it('reads http://, https:// and bare hosts, and refuses paths and other schemes', () => {
    expect(registryHost('http://127.0.0.1:5000')).toEqual({
      host: '127.0.0.1:5000',
      plainHttp: true,
    });
    expect(registryHost('https://ghcr.io/')).toEqual({ host: 'ghcr.io', plainHttp: false });
    expect(registryHost('ghcr.io')).toEqual({ host: 'ghcr.io', plainHttp: false });
    expect(() => registryHost('https://ghcr.io/team')).toThrow(/without a path/);
    expect(() => registryHost('ftp://ghcr.io')).toThrow(/not http/);
  });
});

describe('scan pipeline', () => {
  it('discovers every image, scans each once, stores its SBOM and findings', async () => {
    const h = await harness('discover', { advisoryDbPath: join(work, 'first.db') });
    try {
      const added = await addRegistry(h.store, 'local');
      await publishDiscovery(h.queue, added.id, 'added');
      const images = await settled(h.store, added.id, 2);
      const byRepository = new Map(images.map((image) => [image.repository, image]));
      expect(byRepository.get('apps/busybox')).toMatchObject({
        digest: digests.busybox,
        tags: ['1', 'latest'],
        hasSbom: true,
        advisoriesBuiltAt: '2024-06-01T00:00:00.000Z',
      });
      expect(byRepository.get('apps/zlib')?.digest).toBe(digests.zlib);
      for (const image of images) {
        const scans = await scansOf(h.store, image.id);
        expect(scans.map((scan) => [scan.status, scan.trigger, scan.attempt])).toEqual([
          ['done', 'added', 1],
        ]);
        expect(scans[0]?.worker).toBe(`${(await import('node:os')).hostname()}:${process.pid}`);
      }
      const busybox = byRepository.get('apps/busybox')!;
      const findings = await h.store.findings.list({ imageId: busybox.id });
      expect(
        findings.items.map((finding) => `${finding.package.name} ${finding.vulnerabilityId}`).sort()
      ).toEqual(['busybox CVE-2023-42366', 'ssl_client CVE-2023-42366']);
      expect((await h.store.findings.counts(busybox.id)).unknown).toBe(2);
      expect((await scansOf(h.store, busybox.id))[0]).toMatchObject({
        packageCount: 3,
        findingCount: 2,
      });
      const sbom = await h.store.images.sbom(busybox.id);
      const inventory = readSbom(JSON.parse(sbom ?? '{}'), 'stored');
      expect(inventory.packages.map((pkg) => pkg.name).sort()).toEqual([
        'busybox',
        'musl',
        'ssl_client',
      ]);

      // The schedule finds nothing new: no scan is queued again.
      expect(await enqueueRegistryDiscovery(h.store, h.queue)).toBe(1);
      await eventually(() => Promise.resolve(h.pipeline.stats.discovered >= 4 ? true : undefined));
      await eventually(async () => ((await h.queue.depth('discover')) === 0 ? true : undefined));
      for (const image of images) {
        expect(await scansOf(h.store, image.id)).toHaveLength(1);
      }
      expect(h.pipeline.stats.scanned).toBe(2);

      // Within the dedup window a repeat is dropped at publish, and its queued row with it.
      expect(await queueScan(h.store, h.queue, busybox, 'schedule')).toMatchObject({
        duplicate: true,
      });
      expect(await scansOf(h.store, busybox.id)).toHaveLength(1);
      // Past it, the job of an image already scanned is acknowledged without pulling.
      const late = await h.store.scans.queue(busybox.id, 'schedule');
      await h.queue.publish('scan', {
        scanId: late.id,
        imageId: busybox.id,
        digest: busybox.digest,
        trigger: 'schedule',
      });
      await eventually(() => Promise.resolve(h.pipeline.stats.skipped >= 1 ? true : undefined));
      expect(await scansOf(h.store, busybox.id)).toHaveLength(1);

      // On demand it runs again.
      await queueScan(h.store, h.queue, busybox, 'demand');
      const rescanned = await eventually(async () => {
        const scans = await scansOf(h.store, busybox.id);
        return scans.filter((scan) => scan.status === 'done').length === 2 ? scans : undefined;
      });
      expect(rescanned[0]?.trigger).toBe('demand');
      expect(h.pipeline.stats.scanned).toBe(3);
    } finally {
      await h.close();
    }
  });

  it('re-matches stored SBOMs against a new database, keeping the new/fixed history', async () => {
    const first = await harness('rematch', { advisoryDbPath: join(work, 'first.db') });
    let registryId: string;
    let busybox: Image;
    try {
      registryId = (await addRegistry(first.store, 'local')).id;
      await publishDiscovery(first.queue, registryId, 'added');
      const images = await settled(first.store, registryId, 2);
      busybox = images.find((image) => image.repository === 'apps/busybox')!;
    } finally {
      await first.close();
    }
    // The same store, and a newer database: nothing is pulled (the registry could be gone).
    const second = await harness('rematch', { advisoryDbPath: join(work, 'second.db') });
    try {
      expect(await enqueueRematch(second.store, second.queue)).toBe(2);
      await eventually(() =>
        Promise.resolve(second.pipeline.stats.rematched === 2 ? true : undefined)
      );
      const open = await second.store.findings.list({ imageId: busybox.id, state: 'open' });
      expect(open.items.map((f) => `${f.package.name} ${f.vulnerabilityId}`)).toEqual([
        'musl CVE-2024-0003',
      ]);
      const fixed = await second.store.findings.list({ imageId: busybox.id, state: 'fixed' });
      expect(fixed.items.map((f) => `${f.package.name} ${f.vulnerabilityId}`).sort()).toEqual([
        'busybox CVE-2023-42366',
        'ssl_client CVE-2023-42366',
      ]);
      expect((await second.store.images.get(busybox.id)).advisoriesBuiltAt).toBe(
        '2024-07-01T00:00:00.000Z'
      );
      const scans = await scansOf(second.store, busybox.id);
      expect(scans.map((scan) => [scan.trigger, scan.status])).toEqual([
        ['rematch', 'done'],
        ['added', 'done'],
      ]);
      // Matched against this build already: a second round does nothing.
      expect(await enqueueRematch(second.store, second.queue)).toBe(2);
      await eventually(() =>
        Promise.resolve(second.pipeline.stats.skipped >= 2 ? true : undefined)
      );
      expect(await scansOf(second.store, busybox.id)).toHaveLength(2);
    } finally {
      await second.close();
    }
  });

  it('without an advisory database, stores packages and says so', async () => {
    const h = await harness('no-db');
    try {
      const added = await addRegistry(h.store, 'local');
      await publishDiscovery(h.queue, added.id, 'added');
      const images = await settled(h.store, added.id, 2);
      for (const image of images) {
        const [scan] = await scansOf(h.store, image.id);
        expect(scan).toMatchObject({ status: 'done', note: noDatabaseNote, findingCount: 0 });
        expect(image.hasSbom).toBe(true);
        expect(image.advisoriesBuiltAt).toBeUndefined();
      }
    } finally {
      await h.close();
    }
  });

  it('fails a scan at once when another attempt cannot help, and after the last attempt otherwise', async () => {
    const h = await harness('failures', { maxAttempts: 2 });
    try {
      const added = await addRegistry(h.store, 'local');
      const { image: missing } = await h.store.images.upsert({
        registryId: added.id,
        repository: 'apps/busybox',
        digest: `sha256:${'0'.repeat(64)}`,
        tags: [],
      });
      await queueScan(h.store, h.queue, missing, 'added');
      const [notFound] = await eventually(async () => {
        const scans = await scansOf(h.store, missing.id);
        return scans[0]?.status === 'failed' ? scans : undefined;
      });
      expect(notFound).toMatchObject({ attempt: 1 });
      expect(notFound?.error).toContain('not found');

      // A registry that does not answer: retried by the queue, failed on the last attempt.
      const closed = await h.store.registries.add({ name: 'gone', url: 'http://127.0.0.1:1' });
      const { image: unreachable } = await h.store.images.upsert({
        registryId: closed.id,
        repository: 'apps/busybox',
        digest: digests.busybox,
        tags: [],
      });
      await queueScan(h.store, h.queue, unreachable, 'added');
      const [gaveUp] = await eventually(async () => {
        const scans = await scansOf(h.store, unreachable.id);
        return scans[0]?.status === 'failed' ? scans : undefined;
      });
      expect(gaveUp).toMatchObject({ attempt: 2 });
      expect(gaveUp?.error).toContain('cannot reach registry 127.0.0.1:1');

      // Wrong stored credentials: the discovery fails and is retried, and nothing is stored.
      const wrong = await addRegistry(h.store, 'wrong', 'not-the-password');
      await publishDiscovery(h.queue, wrong.id, 'added');
      await eventually(async () =>
        (await h.queue.dead('discover')).length === 1 ? true : undefined
      );
      const [dead] = await h.queue.dead('discover');
      expect(dead?.error).toContain('refused the credentials');
      expect(dead?.error).not.toContain('not-the-password');
      expect(await imagesOf(h.store, wrong.id)).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
