import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayoutWriter, type BuiltImage } from '../../../test/harness/oci-builder.js';
import { pushOciLayout, startRegistry, type TestRegistry } from '../../../test/harness/registry.js';
import {
  AuthenticationError,
  IntegrityError,
  NotFoundError,
  UsageError,
} from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import type { Platform } from '../oci/schema.js';
import type { OpenOptions, RegistryOptions, ResolvedImage } from '../source/types.js';
import { createRegistryTransport } from './transport.js';

const transport = createRegistryTransport({
  backoff: { baseMs: 10, maxMs: 50, retryAfterCapMs: 1000 },
});
const amd64: Platform = { os: 'linux', architecture: 'amd64' };

interface Fixture {
  dir: string;
  single: BuiltImage;
  multi: { indexDigest: string; images: BuiltImage[] };
}

async function buildFixture(): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'palisade-registry-e2e-'));
  const layout = new LayoutWriter(join(dir, 'layout'));
  const single = await layout.tag('1', {
    layers: [
      { entries: [{ name: 'etc/hello.txt', content: 'hello from a registry\n' }] },
      { entries: [{ name: 'etc/second.txt', content: 'a second layer\n' }] },
    ],
  });
  const multi = await layout.tagIndex('multi', [
    { architecture: 'amd64', layers: [{ entries: [{ name: 'arch', content: 'amd64\n' }] }] },
    {
      architecture: 'arm64',
      variant: 'v8',
      layers: [{ entries: [{ name: 'arch', content: 'arm64\n' }] }],
    },
  ]);
  return { dir, single, multi };
}

function options(
  dir: string,
  registry: Partial<RegistryOptions> = {},
  platform: Platform = amd64
): OpenOptions {
  return {
    platform,
    logger: silentLogger,
    registry: {
      insecure: true,
      env: {},
      // Hermetic: never the developer's own docker logins.
      dockerConfigPath: join(dir, 'no-docker-config.json'),
      maxRetries: 1,
      timeoutMs: 10_000,
      ...registry,
    },
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

async function withImage<T>(
  promise: Promise<ResolvedImage>,
  use: (image: ResolvedImage) => Promise<T>
): Promise<T> {
  const image = await promise;
  try {
    return await use(image);
  } finally {
    await image.close();
    await image.close();
  }
}

/**
 * A proxy in front of the registry that changes manifest bodies or digest headers, for
 * registries that lie. Everything else passes through untouched (auth challenges included).
 */
async function startLyingProxy(
  upstream: string,
  lie: (path: string, body: Buffer, headers: IncomingHttpHeaders) => Buffer
): Promise<{ host: string; server: Server }> {
  const server = createServer((req, res) => {
    const upstreamRequest = httpRequest(
      `http://${upstream}${req.url ?? '/'}`,
      { method: req.method, headers: { ...req.headers, host: upstream } },
      (upstreamResponse) => {
        const chunks: Buffer[] = [];
        upstreamResponse.on('data', (chunk: Buffer) => chunks.push(chunk));
        upstreamResponse.on('end', () => {
          const headers = { ...upstreamResponse.headers };
          let body: Buffer = Buffer.concat(chunks);
          if (upstreamResponse.statusCode === 200 && req.url?.includes('/manifests/')) {
            body = lie(req.url, body, headers);
          }
          headers['content-length'] = String(body.length);
          delete headers['transfer-encoding'];
          res.writeHead(upstreamResponse.statusCode ?? 502, headers);
          res.end(body);
        });
      }
    );
    req.pipe(upstreamRequest);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe.each(['none', 'htpasswd', 'token'] as const)(
  'registry transport against docker-registry, %s auth',
  (auth) => {
    let registry: TestRegistry;
    let fixture: Fixture;
    let credentials: Partial<RegistryOptions>;

    beforeAll(async () => {
      [registry, fixture] = await Promise.all([startRegistry({ auth }), buildFixture()]);
      credentials =
        auth === 'none' ? {} : { username: registry.username, password: registry.password };
      const layout = join(fixture.dir, 'layout');
      const pushed = await pushOciLayout(layout, 'palisade/tiny:1', registry);
      expect(pushed).toBe(fixture.single.manifestDigest);
      const pushedIndex = await pushOciLayout(layout, 'palisade/multi:multi', registry, {
        all: true,
      });
      expect(pushedIndex).toBe(fixture.multi.indexDigest);
    });

    afterAll(async () => {
      await registry.stop();
      await rm(fixture.dir, { recursive: true, force: true });
    });

    it('resolves a tag to the pushed manifest, config and layers', async () => {
      const issuedBefore = registry.tokenServer?.issued ?? 0;
      await withImage(
        transport.open(`${registry.host}/palisade/tiny:1`, options(fixture.dir, credentials)),
        async (image) => {
          expect(image.name).toBe(`${registry.host}/palisade/tiny:1`);
          expect(image.transport).toBe('registry');
          expect(image.manifestDigest).toBe(fixture.single.manifestDigest);
          expect(image.indexDigest).toBeUndefined();
          expect(image.configDigest).toBe(fixture.single.configDigest);
          expect(image.platform).toEqual(amd64);
          expect(image.layers.map((layer) => layer.digest)).toEqual(fixture.single.layerDigests);
          expect(image.layers.map((layer) => layer.diffId)).toEqual(fixture.single.diffIds);
          for (const layer of image.layers) {
            const blob = await readAll(await layer.open());
            expect(blob.length).toBe(layer.size);
            expect(sha256(blob)).toBe(layer.digest);
            expect(sha256(gunzipSync(blob))).toBe(layer.diffId);
          }
        }
      );
      if (registry.tokenServer) {
        // One token for the repository's pull scope, reused for manifest, config and layers.
        expect(registry.tokenServer.issued - issuedBefore).toBe(1);
      }
    });

    it('resolves by digest, and by tag and digest together', async () => {
      const digest = fixture.single.manifestDigest;
      for (const spec of [`palisade/tiny@${digest}`, `palisade/tiny:1@${digest}`]) {
        await withImage(
          transport.open(`${registry.host}/${spec}`, options(fixture.dir, credentials)),
          (image) => {
            expect(image.manifestDigest).toBe(digest);
            expect(image.name).toBe(`${registry.host}/${spec}`);
            return Promise.resolve();
          }
        );
      }
    });

    it('chooses the platform from an index', async () => {
      const spec = `${registry.host}/palisade/multi:multi`;
      const [amd, arm] = fixture.multi.images;
      await withImage(transport.open(spec, options(fixture.dir, credentials)), async (image) => {
        expect(image.indexDigest).toBe(fixture.multi.indexDigest);
        expect(image.manifestDigest).toBe(amd!.manifestDigest);
        expect(image.platform).toEqual(amd64);
        const blob = await readAll(await image.layers[0]!.open());
        expect(sha256(blob)).toBe(amd!.layerDigests[0]);
      });
      // arm64 with no variant asked for matches the index's arm64/v8.
      const arm64: Platform = { os: 'linux', architecture: 'arm64' };
      await withImage(
        transport.open(spec, options(fixture.dir, credentials, arm64)),
        async (image) => {
          expect(image.manifestDigest).toBe(arm!.manifestDigest);
          expect(image.platform).toEqual({ ...arm64, variant: 'v8' });
          const blob = await readAll(await image.layers[0]!.open());
          expect(gunzipSync(blob).toString('utf8')).toContain('arm64');
        }
      );
    });

    it('lists the platforms an index has when the wanted one is absent', async () => {
      const open = transport.open(
        `${registry.host}/palisade/multi:multi`,
        options(fixture.dir, credentials, { os: 'linux', architecture: 's390x' })
      );
      await expect(open).rejects.toThrow(NotFoundError);
      await expect(open).rejects.toThrow(/linux\/s390x.*linux\/amd64, linux\/arm64\/v8/);
    });

    it('says which tag or repository does not exist', async () => {
      const tag = transport.open(
        `${registry.host}/palisade/tiny:nope`,
        options(fixture.dir, credentials)
      );
      await expect(tag).rejects.toThrow(NotFoundError);
      await expect(tag).rejects.toThrow(/tag nope not found in repository palisade\/tiny/);
      const repo = transport.open(
        `${registry.host}/palisade/absent:1`,
        options(fixture.dir, credentials)
      );
      await expect(repo).rejects.toThrow(NotFoundError);
      await expect(repo).rejects.toThrow(
        `repository palisade/absent not found on registry ${registry.host}`
      );
      const digest = transport.open(
        `${registry.host}/palisade/tiny@sha256:${'0'.repeat(64)}`,
        options(fixture.dir, credentials)
      );
      await expect(digest).rejects.toThrow(NotFoundError);
    });

    it('refuses a bad reference before any request', async () => {
      await expect(
        transport.open(`${registry.host}/Palisade/tiny`, options(fixture.dir))
      ).rejects.toThrow(UsageError);
    });

    it('reports a wrong password as AuthenticationError where the registry checks one', async () => {
      const open = transport.open(
        `${registry.host}/palisade/tiny:1`,
        options(fixture.dir, { username: registry.username, password: 'wrong' })
      );
      if (auth === 'none') {
        // An open registry never asks, so credentials it does not need cannot fail a pull.
        await withImage(open, (image) => {
          expect(image.manifestDigest).toBe(fixture.single.manifestDigest);
          return Promise.resolve();
        });
        return;
      }
      await expect(open).rejects.toThrow(AuthenticationError);
      await expect(open).rejects.toThrow(
        `registry ${registry.host} refused the credentials for repository palisade/tiny`
      );
      await expect(open).rejects.not.toThrow(/wrong/);
    });

    it('reports missing credentials as AuthenticationError where the registry wants some', async () => {
      const open = transport.open(`${registry.host}/palisade/tiny:1`, options(fixture.dir));
      if (auth === 'none') {
        await withImage(open, () => Promise.resolve());
        return;
      }
      await expect(open).rejects.toThrow(AuthenticationError);
      await expect(open).rejects.toThrow(/requires credentials .* none were found/);
    });

    it('refuses a manifest that does not hash to the digest asked for', async () => {
      const proxy = await startLyingProxy(registry.host, (path, body) =>
        path.includes('@') || path.includes('sha256:')
          ? Buffer.concat([body, Buffer.from(' ')])
          : body
      );
      try {
        const open = transport.open(
          `${proxy.host}/palisade/tiny@${fixture.single.manifestDigest}`,
          options(fixture.dir, credentials)
        );
        await expect(open).rejects.toThrow(IntegrityError);
        await expect(open).rejects.toThrow(/digest mismatch/);
        // The index entry's manifest is fetched by digest too, and checked the same way.
        await expect(
          transport.open(`${proxy.host}/palisade/multi:multi`, options(fixture.dir, credentials))
        ).rejects.toThrow(IntegrityError);
      } finally {
        proxy.server.closeAllConnections();
        proxy.server.close();
      }
    });

    it('refuses a manifest whose Docker-Content-Digest header lies', async () => {
      const proxy = await startLyingProxy(registry.host, (_path, body, headers) => {
        headers['docker-content-digest'] = `sha256:${'1'.repeat(64)}`;
        return body;
      });
      try {
        await expect(
          transport.open(`${proxy.host}/palisade/tiny:1`, options(fixture.dir, credentials))
        ).rejects.toThrow(IntegrityError);
      } finally {
        proxy.server.closeAllConnections();
        proxy.server.close();
      }
    });
  }
);

describe('registry credentials from other sources, against docker-registry', () => {
  let dir: string;
  let fixture: Fixture;
  let htpasswd: TestRegistry;
  let token: TestRegistry;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-registry-creds-'));
    [fixture, htpasswd, token] = await Promise.all([
      buildFixture(),
      startRegistry({ auth: 'htpasswd' }),
      startRegistry({ auth: 'token', publicRepositories: ['public/*'] }),
    ]);
    const layout = join(fixture.dir, 'layout');
    await pushOciLayout(layout, 'palisade/tiny:1', htpasswd);
    await pushOciLayout(layout, 'palisade/tiny:1', token);
    await pushOciLayout(layout, 'public/tiny:1', token);
  });

  afterAll(async () => {
    await Promise.all([htpasswd.stop(), token.stop()]);
    await rm(dir, { recursive: true, force: true });
    await rm(fixture.dir, { recursive: true, force: true });
  });

  async function dockerConfig(name: string, config: object): Promise<string> {
    const path = join(dir, `${name}.json`);
    await writeFile(path, JSON.stringify(config));
    return path;
  }

  it('uses base64 "auth" from the docker config with basic auth', async () => {
    const auth = Buffer.from(`${htpasswd.username}:${htpasswd.password}`).toString('base64');
    const path = await dockerConfig('basic', {
      auths: { [`http://${htpasswd.host}/v2/`]: { auth } },
    });
    await withImage(
      transport.open(`${htpasswd.host}/palisade/tiny:1`, {
        ...options(dir),
        registry: { ...options(dir).registry, dockerConfigPath: path },
      }),
      (image) => {
        expect(image.manifestDigest).toBe(fixture.single.manifestDigest);
        return Promise.resolve();
      }
    );
  });

  it('uses the environment variables', async () => {
    const env = {
      PALISADE_REGISTRY_USERNAME: token.username,
      PALISADE_REGISTRY_PASSWORD: token.password,
    };
    await withImage(
      transport.open(`${token.host}/palisade/tiny:1`, options(dir, { env })),
      (image) => {
        expect(image.manifestDigest).toBe(fixture.single.manifestDigest);
        return Promise.resolve();
      }
    );
  });

  it('trades an identity token for a bearer token', async () => {
    const path = await dockerConfig('identity', {
      auths: { [token.host]: { identitytoken: token.identityToken } },
    });
    await withImage(
      transport.open(`${token.host}/palisade/tiny:1`, options(dir, { dockerConfigPath: path })),
      async (image) => {
        const blob = await readAll(await image.layers[0]!.open());
        expect(sha256(blob)).toBe(image.layers[0]!.digest);
      }
    );
    const bad = await dockerConfig('bad-identity', {
      auths: { [token.host]: { identitytoken: 'not-the-token' } },
    });
    await expect(
      transport.open(`${token.host}/palisade/tiny:1`, options(dir, { dockerConfigPath: bad }))
    ).rejects.toThrow(AuthenticationError);
  });

  it('pulls public repositories with an anonymous bearer token', async () => {
    await withImage(transport.open(`${token.host}/public/tiny:1`, options(dir)), async (image) => {
      expect(image.manifestDigest).toBe(fixture.single.manifestDigest);
      const blob = await readAll(await image.layers[1]!.open());
      expect(sha256(blob)).toBe(image.layers[1]!.digest);
    });
    await expect(transport.open(`${token.host}/palisade/tiny:1`, options(dir))).rejects.toThrow(
      AuthenticationError
    );
  });
});
