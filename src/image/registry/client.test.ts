import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  AuthenticationError,
  ExternalHostError,
  InputError,
  IntegrityError,
  NotFoundError,
} from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import { MediaType } from '../oci/media-types.js';
import type { OpenOptions, RegistryOptions, ResolvedImage } from '../source/types.js';
import { HttpClient } from './http.js';
import { fetchBearerToken } from './token-client.js';
import { createRegistryTransport } from './transport.js';

const transport = createRegistryTransport({
  backoff: { baseMs: 5, maxMs: 20, retryAfterCapMs: 1000 },
});

function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

interface Manifest {
  body: Buffer;
  type: string;
  /** Override (or with null, omit) the Docker-Content-Digest header. */
  digestHeader?: string | null;
}

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
}

type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => boolean;

/**
 * An in-memory Distribution registry with its own token service, for the cases a real
 * registry will not produce: lies, odd media types, redirects, expired tokens.
 */
class FakeRegistry {
  readonly manifests = new Map<string, Manifest>();
  readonly blobs = new Map<string, Buffer>();
  readonly seen: Seen[] = [];
  readonly validTokens = new Set<string>();
  auth: 'none' | 'basic' | 'bearer' | 'forbidden' = 'none';
  username = 'user';
  password = 'secret';
  tokensIssued = 0;
  tokenBody: ((token: string) => string) | undefined;
  routes: Route[] = [];
  host = '';
  readonly #server = createServer((request, response) => {
    this.#handle(request, response);
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.host = `127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): void {
    this.#server.closeAllConnections();
    this.#server.close();
  }

  addBlob(data: Buffer | string): { digest: string; size: number } {
    const buffer = Buffer.from(data);
    const digest = sha256(buffer);
    this.blobs.set(digest, buffer);
    return { digest, size: buffer.length };
  }

  /** An image with one layer; returns the manifest digest. */
  addImage(
    repo: string,
    tag: string,
    options: {
      layerType?: string;
      diffIds?: string[];
      layerUrls?: string[];
      keepLayer?: boolean;
    } = {}
  ): { manifestDigest: string; layerDigest: string; layer: Buffer } {
    const layer = Buffer.from(`layer of ${repo}:${tag}`);
    const layerBlob = { digest: sha256(layer), size: layer.length };
    if (options.keepLayer !== false) {
      this.addBlob(layer);
    }
    const config = this.addBlob(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: options.diffIds ?? [sha256('tar')] },
      })
    );
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.dockerManifest,
        config: { mediaType: MediaType.dockerConfig, ...config },
        layers: [
          {
            mediaType: options.layerType ?? MediaType.dockerLayerGzip,
            ...layerBlob,
            ...(options.layerUrls ? { urls: options.layerUrls } : {}),
          },
        ],
      })
    );
    const manifestDigest = sha256(manifest);
    const entry = { body: manifest, type: MediaType.dockerManifest };
    this.manifests.set(`${repo}:${tag}`, entry);
    this.manifests.set(`${repo}:${manifestDigest}`, entry);
    return { manifestDigest, layerDigest: layerBlob.digest, layer };
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', `http://${this.host}`);
    this.seen.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      authorization: request.headers.authorization,
    });
    if (this.routes.some((route) => route(request, response, url))) {
      return;
    }
    if (url.pathname === '/token') {
      this.#token(request, response);
      return;
    }
    if (!this.#authorized(request, response)) {
      return;
    }
    const match = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url.pathname);
    if (match?.[2] === 'manifests') {
      const manifest = this.manifests.get(`${match[1]}:${match[3]}`);
      if (!manifest) {
        this.#error(response, 404, 'MANIFEST_UNKNOWN');
        return;
      }
      const headers: Record<string, string> = { 'content-type': manifest.type };
      const digest =
        manifest.digestHeader === undefined ? sha256(manifest.body) : manifest.digestHeader;
      if (digest !== null) {
        headers['docker-content-digest'] = digest;
      }
      response.writeHead(200, headers).end(manifest.body);
      return;
    }
    if (match?.[2] === 'blobs') {
      const blob = this.blobs.get(match[3] ?? '');
      if (!blob) {
        this.#error(response, 404, 'BLOB_UNKNOWN');
        return;
      }
      response.writeHead(200).end(blob);
      return;
    }
    this.#error(response, 404, 'NAME_UNKNOWN');
  }

  #authorized(request: IncomingMessage, response: ServerResponse): boolean {
    const header = request.headers.authorization;
    if (this.auth === 'none') {
      return true;
    }
    if (this.auth === 'forbidden') {
      this.#error(response, 403, 'DENIED');
      return false;
    }
    if (this.auth === 'basic') {
      const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
      if (header === expected) {
        return true;
      }
      response.setHeader('www-authenticate', 'Basic realm="fake"');
      this.#error(response, 401, 'UNAUTHORIZED');
      return false;
    }
    if (header?.startsWith('Bearer ') && this.validTokens.has(header.slice(7))) {
      return true;
    }
    response.setHeader(
      'www-authenticate',
      `Bearer realm="http://${this.host}/token",service="fake",scope="repository:x:pull"`
    );
    this.#error(response, 401, 'UNAUTHORIZED');
    return false;
  }

  #token(request: IncomingMessage, response: ServerResponse): void {
    const header = request.headers.authorization;
    const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    if (header !== undefined && header !== expected) {
      response.writeHead(401).end();
      return;
    }
    const token = `tok-${++this.tokensIssued}`;
    this.validTokens.add(token);
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(this.tokenBody ? this.tokenBody(token) : JSON.stringify({ token, expires_in: 300 }));
  }

  #error(response: ServerResponse, status: number, code: string): void {
    response
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ errors: [{ code, message: code.toLowerCase() }] }));
  }
}

let scratch: string;
const registries: FakeRegistry[] = [];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'palisade-client-test-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

afterEach(() => {
  for (const registry of registries.splice(0)) {
    registry.stop();
  }
});

async function fake(): Promise<FakeRegistry> {
  const registry = await new FakeRegistry().start();
  registries.push(registry);
  return registry;
}

function options(registry: Partial<RegistryOptions> = {}): OpenOptions {
  return {
    platform: { os: 'linux', architecture: 'amd64' },
    logger: silentLogger,
    registry: {
      insecure: true,
      env: {},
      dockerConfigPath: join(scratch, 'absent.json'),
      maxRetries: 1,
      timeoutMs: 5000,
      ...registry,
    },
  };
}

async function opened(promise: Promise<ResolvedImage>): Promise<ResolvedImage> {
  const image = await promise;
  onTestFinished(() => image.close());
  return image;
}

describe('registry authentication', () => {
  it('answers a Basic challenge and then sends credentials up front', async () => {
    const registry = await fake();
    registry.auth = 'basic';
    const { layer } = registry.addImage('team/app', '1');
    const image = await opened(
      transport.open(
        `${registry.host}/team/app:1`,
        options({ username: 'user', password: 'secret' })
      )
    );
    expect(await readAll(await image.layers[0]!.open())).toEqual(layer);
    const challenged = registry.seen.filter((seen) => seen.path.startsWith('/v2/team'));
    // manifest (401, retry), config, layer: only the first request went without credentials.
    expect(challenged.map((seen) => seen.authorization === undefined)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('gets a bearer token once and reuses it until the registry refuses it', async () => {
    const registry = await fake();
    registry.auth = 'bearer';
    registry.addImage('team/app', '1');
    const image = await opened(
      transport.open(
        `${registry.host}/team/app:1`,
        options({ username: 'user', password: 'secret' })
      )
    );
    expect(registry.tokensIssued).toBe(1);
    const tokenRequest = registry.seen.find((seen) => seen.path === '/token');
    expect(tokenRequest?.authorization).toMatch(/^Basic /);
    // The registry forgets the token (it expired there): the next request earns a new one.
    registry.validTokens.clear();
    await readAll(await image.layers[0]!.open());
    expect(registry.tokensIssued).toBe(2);
    // Streams opened together after an expiry share one new token.
    registry.validTokens.clear();
    const streams = await Promise.all([image.layers[0]!.open(), image.layers[0]!.open()]);
    await Promise.all(streams.map(readAll));
    expect(registry.tokensIssued).toBe(3);
  });

  it('gets anonymous bearer tokens without credentials', async () => {
    const registry = await fake();
    registry.auth = 'bearer';
    registry.addImage('library/alpine', '3');
    await opened(transport.open(`${registry.host}/library/alpine:3`, options()));
    const tokenRequest = registry.seen.find((seen) => seen.path === '/token');
    expect(tokenRequest?.authorization).toBeUndefined();
  });

  it('accepts OAuth2 access_token answers and sends registry tokens as they are', async () => {
    const registry = await fake();
    registry.auth = 'bearer';
    registry.tokenBody = (token) => JSON.stringify({ access_token: token });
    registry.addImage('x', '1');
    await opened(transport.open(`${registry.host}/x:1`, options()));
    expect(registry.tokensIssued).toBe(1);

    registry.validTokens.add('pre-issued');
    const tokensBefore = registry.tokensIssued;
    const config = join(scratch, 'registry-token.json');
    writeFileSync(
      config,
      JSON.stringify({ auths: { [registry.host]: { registrytoken: 'pre-issued' } } })
    );
    await opened(transport.open(`${registry.host}/x:1`, options({ dockerConfigPath: config })));
    expect(registry.tokensIssued).toBe(tokensBefore);
    expect(registry.seen.at(-1)?.authorization).toBe('Bearer pre-issued');
  });

  it('caps the token response', async () => {
    const registry = await fake();
    registry.auth = 'bearer';
    registry.tokenBody = (token) => JSON.stringify({ token, padding: 'x'.repeat(1024 * 1024) });
    registry.addImage('x', '1');
    await expect(transport.open(`${registry.host}/x:1`, options())).rejects.toThrow(
      /token response .* more than the 1048576 bytes allowed|larger than the 1048576 bytes/
    );
  });

  it('refuses a wrong password at the token service, without echoing it', async () => {
    const registry = await fake();
    registry.auth = 'bearer';
    registry.addImage('x', '1');
    const open = transport.open(
      `${registry.host}/x:1`,
      options({ username: 'user', password: 'hunter2' })
    );
    await expect(open).rejects.toThrow(AuthenticationError);
    await expect(open).rejects.toThrow(
      `registry ${registry.host} refused the credentials for repository x (credentials from explicit`
    );
    await expect(open).rejects.not.toThrow(/hunter2/);
  });

  it('reports 403 as access denied', async () => {
    const registry = await fake();
    registry.auth = 'forbidden';
    await expect(transport.open(`${registry.host}/x:1`, options())).rejects.toThrow(
      `registry ${registry.host} denied access to repository x`
    );
  });

  it('reports a 401 without a challenge', async () => {
    const registry = await fake();
    registry.routes.push((_request, response, url) => {
      if (!url.pathname.startsWith('/v2/x/')) {
        return false;
      }
      response.writeHead(401).end();
      return true;
    });
    await expect(transport.open(`${registry.host}/x:1`, options())).rejects.toThrow(
      /answered 401 for repository x without an authentication challenge/
    );
  });

  it('will not send credentials to a plain-HTTP token service unless insecure', async () => {
    const http = new HttpClient({
      logger: silentLogger,
      maxRetries: 0,
      timeoutMs: 1000,
      insecure: false,
      backoff: { baseMs: 1, maxMs: 1, retryAfterCapMs: 1 },
    });
    try {
      await expect(
        fetchBearerToken(http, {
          challenge: { scheme: 'bearer', params: { realm: 'http://auth.example/token' } },
          scope: 'repository:x:pull',
          credentials: { kind: 'basic', username: 'u', password: 'p', source: 'explicit' },
          host: 'registry.example',
          repository: 'x',
          insecure: false,
        })
      ).rejects.toThrow(/plain-HTTP token service/);
    } finally {
      await http.close();
    }
  });
});

describe('blobs', () => {
  it('follows a redirect to blob storage without the registry credentials', async () => {
    const registry = await fake();
    const storage = await fake();
    registry.auth = 'basic';
    const { layerDigest, layer } = registry.addImage('x', '1');
    storage.blobs.set(layerDigest, layer);
    registry.routes.push((request, response, url) => {
      if (url.pathname !== `/v2/x/blobs/${layerDigest}` || !request.headers.authorization) {
        return false;
      }
      response.writeHead(307, { location: `http://${storage.host}/v2/s/blobs/${layerDigest}` });
      response.end();
      return true;
    });
    const image = await opened(
      transport.open(`${registry.host}/x:1`, options({ username: 'user', password: 'secret' }))
    );
    expect(await readAll(await image.layers[0]!.open())).toEqual(layer);
    expect(storage.seen).toEqual([
      { method: 'GET', path: `/v2/s/blobs/${layerDigest}`, authorization: undefined },
    ]);
  });

  it('tries the registry first for foreign layers, then their URLs', async () => {
    const registry = await fake();
    const elsewhere = await fake();
    const { layerDigest, layer } = registry.addImage('win', '1', {
      layerType: MediaType.dockerLayerForeignGzip,
      layerUrls: ['ftp://nope/x', `http://${elsewhere.host}/layers/base`],
      keepLayer: false,
    });
    elsewhere.routes.push((_request, response, url) => {
      response.writeHead(url.pathname === '/layers/base' ? 200 : 404).end(layer);
      return true;
    });
    const image = await opened(transport.open(`${registry.host}/win:1`, options()));
    expect(await readAll(await image.layers[0]!.open())).toEqual(layer);
    expect(registry.seen.some((seen) => seen.path === `/v2/win/blobs/${layerDigest}`)).toBe(true);

    const missing = await fake();
    missing.addImage('win', '1', { layerType: MediaType.dockerLayerForeignGzip, keepLayer: false });
    const image2 = await opened(transport.open(`${missing.host}/win:1`, options()));
    await expect(image2.layers[0]!.open()).rejects.toThrow(NotFoundError);
  });
});

describe('manifests and configs that are wrong', () => {
  it('computes the digest when the registry sends no Docker-Content-Digest', async () => {
    const registry = await fake();
    const { manifestDigest } = registry.addImage('x', '1');
    registry.manifests.get('x:1')!.digestHeader = null;
    const image = await opened(transport.open(`${registry.host}/x:1`, options()));
    expect(image.manifestDigest).toBe(manifestDigest);
  });

  it('refuses a config that does not match its digest', async () => {
    const registry = await fake();
    registry.addImage('x', '1');
    const manifest = JSON.parse(registry.manifests.get('x:1')!.body.toString()) as {
      config: { digest: string };
    };
    registry.blobs.set(manifest.config.digest, Buffer.from('{"tampered":true}'));
    await expect(transport.open(`${registry.host}/x:1`, options())).rejects.toThrow(IntegrityError);
  });

  it('names an unknown layer media type', async () => {
    const registry = await fake();
    registry.addImage('x', '1', { layerType: 'application/vnd.example.weird' });
    const open = transport.open(`${registry.host}/x:1`, options());
    await expect(open).rejects.toThrow(InputError);
    await expect(open).rejects.toThrow(/application\/vnd\.example\.weird/);
  });

  it('refuses a manifest and config that disagree on the layer count', async () => {
    const registry = await fake();
    registry.addImage('x', '1', { diffIds: [sha256('a'), sha256('b')] });
    await expect(transport.open(`${registry.host}/x:1`, options())).rejects.toThrow(
      /1 layers but the config lists 2/
    );
  });

  it('refuses oversized manifests and schema 1 manifests', async () => {
    const registry = await fake();
    registry.manifests.set('x:big', {
      body: Buffer.alloc(5 * 1024 * 1024, 32),
      type: MediaType.dockerManifest,
    });
    registry.manifests.set('x:old', {
      body: Buffer.from('{"schemaVersion":1,"name":"x","tag":"old","fsLayers":[]}'),
      type: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
    });
    await expect(transport.open(`${registry.host}/x:big`, options())).rejects.toThrow(
      /more than the 4194304 allowed|larger than the 4194304 bytes/
    );
    await expect(transport.open(`${registry.host}/x:old`, options())).rejects.toThrow(
      /schema 1 manifest/
    );
  });

  it('refuses an index entry whose size lies', async () => {
    const registry = await fake();
    const { manifestDigest } = registry.addImage('x', 'amd');
    const size = registry.manifests.get('x:amd')!.body.length;
    registry.manifests.set('x:list', {
      type: MediaType.dockerManifestList,
      body: Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: MediaType.dockerManifestList,
          manifests: [
            {
              mediaType: MediaType.dockerManifest,
              digest: manifestDigest,
              size: size + 1,
              platform: { os: 'linux', architecture: 'amd64' },
            },
          ],
        })
      ),
    });
    await expect(transport.open(`${registry.host}/x:list`, options())).rejects.toThrow(
      /the index says .* bytes but the manifest has/
    );
  });

  it('retries a registry that is briefly unavailable', async () => {
    const registry = await fake();
    registry.addImage('x', '1');
    let failures = 1;
    registry.routes.push((_request, response) => {
      if (failures-- <= 0) {
        return false;
      }
      response.writeHead(503, { 'retry-after': '0' }).end();
      return true;
    });
    const image = await opened(transport.open(`${registry.host}/x:1`, options()));
    expect(image.layers).toHaveLength(1);
  });

  it('reports an unreachable registry as ExternalHostError naming it', async () => {
    const registry = await fake();
    const host = registry.host;
    registry.stop();
    registries.pop();
    await expect(transport.open(`${host}/x:1`, options())).rejects.toThrow(
      new ExternalHostError(`cannot reach registry ${host}: ECONNREFUSED (after 2 attempts)`)
    );
  });
});

describe('TLS', () => {
  let cert: { key: string; cert: string };

  beforeAll(() => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(scratch, 'tls.key'),
        '-out',
        join(scratch, 'tls.crt'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' }
    );
    cert = {
      key: readFileSync(join(scratch, 'tls.key'), 'utf8'),
      cert: readFileSync(join(scratch, 'tls.crt'), 'utf8'),
    };
  });

  it('speaks HTTPS to a self-signed registry only when insecure', async () => {
    const registry = new FakeRegistry();
    registry.addImage('x', '1');
    const server = createHttpsServer(cert, (request, response) => {
      // Reuse the fake's routing by forwarding into its plain-HTTP twin.
      const url = new URL(request.url ?? '/', 'https://fake');
      const manifest = /^\/v2\/x\/manifests\/(.+)$/.exec(url.pathname);
      const blob = /^\/v2\/x\/blobs\/(.+)$/.exec(url.pathname);
      const body = manifest
        ? registry.manifests.get(`x:${manifest[1]}`)?.body
        : blob
          ? registry.blobs.get(blob[1] ?? '')
          : Buffer.from('{}');
      response.writeHead(body ? 200 : 404, { 'content-type': MediaType.dockerManifest });
      response.end(body ?? '{"errors":[{"code":"NAME_UNKNOWN"}]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const image = await opened(transport.open(`${host}/x:1`, options()));
      expect(image.layers).toHaveLength(1);
      const secure = transport.open(`${host}/x:1`, options({ insecure: false, maxRetries: 0 }));
      await expect(secure).rejects.toThrow(ExternalHostError);
      await expect(secure).rejects.toThrow(/TLS certificate is not trusted .*--insecure/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
