import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayoutWriter } from '../../../test/harness/oci-builder.js';
import { pushOciLayout, startRegistry, type TestRegistry } from '../../../test/harness/registry.js';
import {
  AuthenticationError,
  ExternalHostError,
  NotFoundError,
  UsageError,
} from '../../core/errors.js';
import { silentLogger } from '../../core/logger.js';
import type { OpenOptions, RegistryOptions } from '../source/types.js';
import { nextPageUrl, openRegistryCatalog, type RegistryCatalog } from './catalog.js';

const fast = { backoff: { baseMs: 5, maxMs: 20, retryAfterCapMs: 1000 } };

function options(dir: string, registry: Partial<RegistryOptions> = {}): OpenOptions {
  return {
    platform: { os: 'linux', architecture: 'amd64' },
    logger: silentLogger,
    registry: {
      insecure: true,
      env: {},
      dockerConfigPath: join(dir, 'no-docker-config.json'),
      maxRetries: 1,
      timeoutMs: 10_000,
      ...registry,
    },
  };
}

async function using<T>(
  catalog: RegistryCatalog,
  use: (catalog: RegistryCatalog) => Promise<T>
): Promise<T> {
  try {
    return await use(catalog);
  } finally {
    await catalog.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('nextPageUrl', () => {
  const page = new URL('http://r.example/v2/_catalog?n=2');
  it('reads rel="next" relative to the page, among other links', () => {
    expect(nextPageUrl('</v2/_catalog?last=b&n=2>; rel="next"', page)?.href).toBe(
      'http://r.example/v2/_catalog?last=b&n=2'
    );
    expect(
      nextPageUrl('<https://x.example/a>; rel="prev", </v2/_catalog?last=c>; rel=next', page)?.href
    ).toBe('http://r.example/v2/_catalog?last=c');
  });
  it('finds none without a next link', () => {
    expect(nextPageUrl(undefined, page)).toBeUndefined();
    expect(nextPageUrl('</v2/_catalog?last=b>; rel="prev"', page)).toBeUndefined();
    expect(nextPageUrl('garbage', page)).toBeUndefined();
  });
});

describe.each(['none', 'htpasswd', 'token'] as const)(
  'registry catalog against docker-registry, %s auth',
  (auth) => {
    let registry: TestRegistry;
    let dir: string;
    let credentials: Partial<RegistryOptions>;
    let digests: { one: string; index: string };
    const repositories = ['palisade/alpha', 'palisade/beta', 'palisade/gamma', 'zeta'];

    beforeAll(async () => {
      [registry, dir] = await Promise.all([
        startRegistry({ auth }),
        mkdtemp(join(tmpdir(), 'palisade-catalog-')),
      ]);
      credentials =
        auth === 'none' ? {} : { username: registry.username, password: registry.password };
      const layout = new LayoutWriter(join(dir, 'layout'));
      const one = await layout.tag('1', {
        layers: [{ entries: [{ name: 'etc/one', content: 'one\n' }] }],
      });
      const multi = await layout.tagIndex('multi', [
        { architecture: 'amd64', layers: [{ entries: [{ name: 'a', content: 'amd64\n' }] }] },
        { architecture: 'arm64', layers: [{ entries: [{ name: 'a', content: 'arm64\n' }] }] },
      ]);
      digests = { one: one.manifestDigest, index: multi.indexDigest };
      for (const repository of repositories) {
        await pushOciLayout(layout.dir, `${repository}:1`, registry, { layoutTag: '1' });
      }
      for (const tag of ['2', '3', 'latest']) {
        await pushOciLayout(layout.dir, `palisade/alpha:${tag}`, registry, { layoutTag: '1' });
      }
      await pushOciLayout(layout.dir, 'palisade/alpha:multi', registry, { all: true });
    });

    afterAll(async () => {
      await registry.stop();
      await rm(dir, { recursive: true, force: true });
    });

    const open = (): RegistryCatalog =>
      openRegistryCatalog(registry.host, options(dir, credentials), fast);

    it('lists every repository, page by page, and says nothing was cut', async () => {
      await using(open(), async (catalog) => {
        expect(await catalog.repositories({ pageSize: 1 })).toEqual({
          names: repositories,
          truncated: false,
          invalid: 0,
        });
        expect(await catalog.repositories()).toEqual({
          names: repositories,
          truncated: false,
          invalid: 0,
        });
      });
    });

    it('stops at the repository cap and says so', async () => {
      await using(open(), async (catalog) => {
        expect(await catalog.repositories({ pageSize: 2, maxRepositories: 3 })).toEqual({
          names: repositories.slice(0, 3),
          truncated: true,
          invalid: 0,
        });
        expect(await catalog.repositories({ maxRepositories: 4 })).toMatchObject({
          truncated: false,
        });
      });
    });

    it('lists tags page by page, stops at the tag cap, and resolves tags to digests', async () => {
      await using(open(), async (catalog) => {
        // Distribution 2.8 sends every tag at once, in no set order, whatever `n` says.
        const all = await catalog.tags('palisade/alpha', { pageSize: 2 });
        expect(all.names.sort()).toEqual(['1', '2', '3', 'latest', 'multi']);
        expect(all).toMatchObject({ truncated: false, invalid: 0 });
        const capped = await catalog.tags('palisade/alpha', { maxTags: 2 });
        expect(capped.names).toHaveLength(2);
        expect(capped.truncated).toBe(true);
        expect(await catalog.resolveTag('palisade/alpha', 'latest')).toMatchObject({
          digest: digests.one,
          isIndex: false,
        });
        expect(await catalog.resolveTag('palisade/alpha', 'multi')).toMatchObject({
          digest: digests.index,
          isIndex: true,
        });
      });
    });

    it('names a repository or tag that does not exist', async () => {
      await using(open(), async (catalog) => {
        const repository = await rejection(catalog.tags('palisade/missing'));
        expect(repository).toBeInstanceOf(NotFoundError);
        expect(repository.message).toContain('palisade/missing');
        const tag = await rejection(catalog.resolveTag('palisade/alpha', 'nope'));
        expect(tag).toBeInstanceOf(NotFoundError);
        expect(tag.message).toContain('tag nope');
        expect(await rejection(catalog.tags('Not A Name'))).toBeInstanceOf(UsageError);
      });
    });

    if (auth !== 'none') {
      it('refuses wrong credentials and no credentials, naming the registry', async () => {
        const wrong = openRegistryCatalog(
          registry.host,
          options(dir, { username: registry.username, password: 'wrong' }),
          fast
        );
        await using(wrong, async (catalog) => {
          const error = await rejection(catalog.repositories());
          expect(error).toBeInstanceOf(AuthenticationError);
          expect(error.message).toContain(registry.host);
          expect(error.message).not.toContain('wrong');
        });
        const anonymous = openRegistryCatalog(registry.host, options(dir), fast);
        await using(anonymous, async (catalog) => {
          expect(await rejection(catalog.repositories())).toBeInstanceOf(AuthenticationError);
          expect(await rejection(catalog.tags('palisade/alpha'))).toBeInstanceOf(
            AuthenticationError
          );
        });
      });
    }
  }
);

describe('registry catalog against registries that misbehave', () => {
  let server: Server;
  let host = '';
  let answer: (url: URL) => { status: number; body: string; link?: string } = () => ({
    status: 200,
    body: '{}',
  });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', `http://${host}`);
      if (url.pathname === '/v2/') {
        response.writeHead(200).end('{}');
        return;
      }
      const { status, body, link } = answer(url);
      response.writeHead(status, {
        'content-type': 'application/json',
        ...(link !== undefined ? { link } : {}),
      });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const open = (): RegistryCatalog => openRegistryCatalog(host, options(tmpdir()), fast);

  it('refuses a next-page link to another host', async () => {
    answer = () => ({
      status: 200,
      body: JSON.stringify({ repositories: ['a'] }),
      link: '<http://elsewhere.example/v2/_catalog?last=a>; rel="next"',
    });
    await using(open(), async (catalog) => {
      const error = await rejection(catalog.repositories());
      expect(error).toBeInstanceOf(ExternalHostError);
      expect(error.message).toContain('elsewhere.example');
    });
  });

  it('follows tag-list pages', async () => {
    answer = (url) =>
      url.searchParams.get('last') === null
        ? {
            status: 200,
            body: '{"name":"a","tags":["1","2"]}',
            link: '</v2/a/tags/list?last=2&n=2>; rel="next"',
          }
        : { status: 200, body: '{"name":"a","tags":["3"]}' };
    await using(open(), async (catalog) => {
      expect(await catalog.tags('a', { pageSize: 2 })).toEqual({
        names: ['1', '2', '3'],
        truncated: false,
        invalid: 0,
      });
      expect(await catalog.tags('a', { pageSize: 2, maxTags: 2 })).toMatchObject({
        truncated: true,
      });
    });
  });

  it('stops when a next link brings nothing new, and leaves invalid names out', async () => {
    answer = () => ({
      status: 200,
      body: JSON.stringify({ repositories: ['a', 'Bad Name', '../etc'] }),
      link: '</v2/_catalog?last=a>; rel="next"',
    });
    await using(open(), async (catalog) => {
      expect(await catalog.repositories()).toEqual({ names: ['a'], truncated: false, invalid: 2 });
    });
  });

  it('says when there is no catalog, and when a page is not a catalog', async () => {
    answer = () => ({ status: 404, body: '{}' });
    await using(open(), async (catalog) => {
      const error = await rejection(catalog.repositories());
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toContain('does not offer a catalog');
    });
    answer = () => ({ status: 200, body: JSON.stringify({ repositories: 'nope' }) });
    await using(open(), async (catalog) => {
      expect((await rejection(catalog.repositories())).message).toContain('malformed');
    });
  });

  it('refuses a registry that is not host[:port]', () => {
    expect(() => openRegistryCatalog('https://ghcr.io', options(tmpdir()))).toThrow(UsageError);
  });
});
