/**
 * Image scanning on the platform, as processes: `palisade serve --no-worker` and two
 * `palisade worker`s on the machine's PostgreSQL and NATS JetStream, a real registry with small
 * images the harness built, and an advisory database the harness built. The registry is added
 * through the API and every image is scanned exactly once; the worker holding one scan is
 * killed with SIGKILL while that image's layer download is held back, and the other worker
 * finishes it; the server restarts and nothing is lost.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromRecords, fixedIn, recordItem } from '../harness/advisory-db.js';
import { LayoutWriter } from '../harness/oci-builder.js';
import { exited, killAll, spawnPalisade, type PalisadeProcess } from '../harness/palisade-spawn.js';
import { createDatabase, deleteStreams, dropDatabase } from '../harness/platform-backends.js';
import { pushOciLayout, startRegistry, type TestRegistry } from '../harness/registry.js';

const suffix = randomBytes(5).toString('hex');
const database = `palisade_e2e_scan_${suffix}`;
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
const prefix = `e2e-scan-${suffix}`;
// A short lease, so the killed worker's scan is handed on within seconds.
const queueUrl = `nats://127.0.0.1:4222?prefix=${prefix}&lease=4000`;
const adminToken = `e2e-admin-${randomBytes(24).toString('hex')}`;
const secretKey = randomBytes(32).toString('base64');

type Running = PalisadeProcess;

const started: ChildProcess[] = [];
let work = '';
let registry: TestRegistry | undefined;
let proxy: StallingProxy | undefined;

function palisade(args: string[]): Running {
  const running = spawnPalisade(args, {
    PALISADE_ADMIN_TOKEN: adminToken,
    PALISADE_SECRET_KEY: secretKey,
  });
  started.push(running.child);
  return running;
}

async function eventually<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const value = await read();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * A proxy in front of the registry that holds back every request for one blob until released,
 * and says when the first such request arrived.
 */
interface StallingProxy {
  host: string;
  /** Resolves when a request for the held blob first arrives. */
  stalled: Promise<void>;
  release(): void;
  close(): Promise<void>;
}

async function startStallingProxy(upstream: string, blob: string): Promise<StallingProxy> {
  let released = false;
  const held: (() => void)[] = [];
  let noteStall: () => void = () => undefined;
  const stalled = new Promise<void>((resolve) => (noteStall = resolve));
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const upstreamRequest = httpRequest(
      `http://${upstream}${req.url ?? '/'}`,
      { method: req.method, headers: { ...req.headers, host: upstream } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }
    );
    upstreamRequest.on('error', () => res.destroy());
    req.pipe(upstreamRequest);
  };
  const server: Server = createServer((req, res) => {
    if (!released && req.method === 'GET' && req.url?.endsWith(`/blobs/${blob}`) === true) {
      noteStall();
      held.push(() => forward(req, res));
      return;
    }
    forward(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    stalled,
    release() {
      released = true;
      for (const go of held.splice(0)) {
        go();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Four small Alpine-like images; each has its own apk database layer. */
const images: Record<string, string> = {
  'apps/busybox': 'P:busybox\nV:1.36.1-r29\nA:x86_64\no:busybox\nL:GPL-2.0-only\n',
  'apps/zlib': 'P:zlib\nV:1.3-r0\nA:x86_64\no:zlib\nL:Zlib\n',
  'apps/musl': 'P:musl\nV:1.2.5-r0\nA:x86_64\no:musl\nL:MIT\n',
  'apps/stall': 'P:busybox\nV:1.36.1-r28\nA:x86_64\no:busybox\nL:GPL-2.0-only\n',
};
let advisoryDb = '';
let stalledBlob = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'palisade-e2e-scan-'));
  await createDatabase(database);
  registry = await startRegistry({ auth: 'htpasswd' });
  const layout = new LayoutWriter(join(work, 'layout'));
  for (const [repository, installed] of Object.entries(images)) {
    const tag = repository.split('/')[1] ?? repository;
    const built = await layout.tag(tag, {
      layers: [
        { entries: [{ name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.20.3\n' }] },
        { entries: [{ name: 'lib/apk/db/installed', content: installed }] },
      ],
    });
    if (repository === 'apps/stall') {
      stalledBlob = built.layerDigests[1] ?? '';
    }
    await pushOciLayout(layout.dir, `${repository}:1`, registry, { layoutTag: tag });
  }
  advisoryDb = join(work, 'advisories.db');
  await buildFromRecords(
    advisoryDb,
    [
      fixedIn('CVE-2023-42366', 'Alpine:v3.20', 'busybox', '1.36.1-r30'),
      fixedIn('CVE-2023-0002', 'Alpine:v3.20', 'zlib', '1.3.1-r0'),
    ].map((record) => recordItem(record)),
    work
  );
  proxy = await startStallingProxy(registry.host, stalledBlob);
});

afterAll(async () => {
  await killAll(started);
  await proxy?.close();
  await registry?.stop();
  await dropDatabase(database);
  await deleteStreams(prefix);
  await rm(work, { recursive: true, force: true });
});

const platformArgs = ['--database', databaseUrl, '--queue', queueUrl];

async function startServer(): Promise<{ process: Running; url: string }> {
  const server = palisade(['serve', '--listen', '127.0.0.1:0', '--no-worker', ...platformArgs]);
  const [, url] = await server.line(/listening on (\S+)/);
  return { process: server, url: url ?? '' };
}

interface ImageItem {
  id: string;
  repository: string;
  digest: string;
}
interface ScanItem {
  id: string;
  status: string;
  attempt: number;
  worker?: string;
  trigger: string;
}
interface FindingItem {
  imageId: string;
  vulnerabilityId: string;
  package: { name: string };
}

describe('image scanning with palisade serve and two workers on PostgreSQL and NATS', () => {
  it('scans every image once, hands a killed worker’s scan to the other, and keeps it all over a restart', async () => {
    let server = await startServer();
    const workers = [0, 1].map(() =>
      palisade(['worker', ...platformArgs, '--advisory-db', advisoryDb])
    );
    await Promise.all(workers.map((worker) => worker.line(/worker running/)));
    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    };

    const added = await fetch(`${server.url}/api/v1/registries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'local',
        url: `http://${proxy!.host}`,
        username: registry!.username,
        password: registry!.password,
      }),
    });
    expect(added.status).toBe(201);

    // One worker is now stuck on the held layer: the scan row says which.
    await proxy!.stalled;
    const stalledImage = await eventually(async () => {
      const page = await get<{ items: ImageItem[] }>('/api/v1/images?repository=apps/stall');
      return page.items[0];
    }, 'the stalled image');
    const holding = await eventually(async () => {
      const page = await get<{ items: ScanItem[] }>(`/api/v1/images/${stalledImage.id}/scans`);
      const scan = page.items[0];
      return scan?.status === 'running' ? scan : undefined;
    }, 'the stalled scan to run');
    expect(holding.attempt).toBe(1);
    const holdingPid = Number(holding.worker?.split(':').pop());
    const victim = workers.find((worker) => worker.child.pid === holdingPid);
    const survivor = workers.find((worker) => worker.child.pid !== holdingPid);
    expect(victim).toBeDefined();
    victim!.child.kill('SIGKILL');
    await exited(victim!.child);
    proxy!.release();

    const scanned = await eventually(async () => {
      const page = await get<{ items: ImageItem[] }>('/api/v1/images?limit=500');
      if (page.items.length < Object.keys(images).length) {
        return undefined;
      }
      const scans = await Promise.all(
        page.items.map((image) =>
          get<{ items: ScanItem[] }>(`/api/v1/images/${image.id}/scans`).then((answer) => ({
            image,
            scans: answer.items,
          }))
        )
      );
      return scans.every(({ scans: list }) => list.some((scan) => scan.status === 'done'))
        ? scans
        : undefined;
    }, 'every image scanned');
    expect(scanned.map(({ image }) => image.repository).sort()).toEqual(Object.keys(images).sort());
    for (const { scans } of scanned) {
      // Exactly once: one scan per image, and it is done.
      expect(scans.map((scan) => scan.status)).toEqual(['done']);
    }
    const handedOn = scanned.find(({ image }) => image.id === stalledImage.id)?.scans[0];
    expect(handedOn).toMatchObject({ status: 'done', attempt: 2 });
    expect(handedOn?.worker).toMatch(new RegExp(`:${survivor!.child.pid}$`));

    const findings = async (): Promise<string[]> => {
      const page = await get<{ items: FindingItem[] }>('/api/v1/findings?limit=500');
      const byId = new Map(scanned.map(({ image }) => [image.id, image.repository]));
      return page.items
        .map(
          (finding) =>
            `${byId.get(finding.imageId)} ${finding.package.name} ${finding.vulnerabilityId}`
        )
        .sort();
    };
    const stored = await findings();
    expect(stored).toEqual([
      'apps/busybox busybox CVE-2023-42366',
      'apps/stall busybox CVE-2023-42366',
      'apps/zlib zlib CVE-2023-0002',
    ]);

    // SIGINT: under vite-node, Vite's own SIGTERM handler would end the process first.
    server.process.child.kill('SIGINT');
    expect(await exited(server.process.child)).toBe(0);
    server = await startServer();
    const again = await get<{ items: ImageItem[] }>('/api/v1/images?limit=500');
    expect(again.items.map((image) => image.id).sort()).toEqual(
      scanned.map(({ image }) => image.id).sort()
    );
    expect(await findings()).toEqual(stored);
  }, 240_000);
});
