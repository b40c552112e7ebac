import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExternalHostError, InputError, NotFoundError } from '../../core/errors.js';
import { readListSource } from './read-source.js';

const limits = { timeoutMs: 5_000, maxBytes: 1024 };

let server: Server;
let base: string;
const sockets = new Set<Socket>();
let seenAuthorization: string | undefined;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (path === '/tor.txt') {
      response.end('185.220.101.4\n');
    } else if (path === '/auth.txt') {
      seenAuthorization = request.headers.authorization;
      const expected = `Basic ${Buffer.from('reader:s3cr3t').toString('base64')}`;
      response.statusCode = request.headers.authorization === expected ? 200 : 401;
      response.end('10.0.0.0/8\n');
    } else if (path === '/redirect') {
      response.writeHead(302, { location: '/tor.txt' }).end();
    } else if (path === '/declared-big') {
      response.writeHead(200, { 'content-length': String(limits.maxBytes + 1) });
      response.end('x'.repeat(limits.maxBytes + 1));
    } else if (path === '/streamed-big') {
      // No content-length: the cap must hold while the body streams in.
      response.writeHead(200);
      const line = '203.0.113.1\n';
      for (let index = 0; index < 200; index += 1) {
        response.write(line);
      }
      response.end();
    } else if (path === '/slow') {
      response.writeHead(200);
      response.write('1.2.3.4\n');
      // Never ends: the timeout must.
    } else {
      response.statusCode = 404;
      response.end('not here');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) {
    socket.destroy();
  }
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('readListSource over HTTP', () => {
  it('fetches a list and names it by host and path', async () => {
    const list = await readListSource(`${base}/tor.txt`, limits);
    expect(list.text).toBe('185.220.101.4\n');
    expect(list.name).toBe(`${new URL(base).host}/tor.txt`);
  });

  it('keeps the query out of the name and the origin', async () => {
    const list = await readListSource(`${base}/tor.txt?token=hunter2`, limits);
    expect(list.name).not.toContain('hunter2');
    expect(list.origin).toBe(`${base}/tor.txt`);
  });

  it('follows a redirect', async () => {
    expect((await readListSource(`${base}/redirect`, limits)).text).toBe('185.220.101.4\n');
  });

  it('sends credentials in the URL as Basic authentication, and never names them', async () => {
    const url = `${base.replace('http://', 'http://reader:s3cr3t@')}/auth.txt`;
    const list = await readListSource(url, limits);
    expect(list.text).toBe('10.0.0.0/8\n');
    expect(seenAuthorization).toBe(`Basic ${Buffer.from('reader:s3cr3t').toString('base64')}`);
    expect(`${list.origin} ${list.name}`).not.toContain('s3cr3t');
  });

  it('fails with ExternalHostError on a non-2xx answer, naming the URL without its secrets', async () => {
    const error = await failure(
      readListSource(`${base.replace('http://', 'http://reader:wrong@')}/auth.txt?key=abc`, limits)
    );
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toBe(`${base}/auth.txt answered HTTP 401`);
    const missing = await failure(readListSource(`${base}/gone.txt`, limits));
    expect(missing).toBeInstanceOf(ExternalHostError);
    expect(missing.message).toContain('HTTP 404');
  });

  it('fails with ExternalHostError when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(
      readListSource(`http://127.0.0.1:${port}/list?token=t0k3n`, limits)
    );
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toBe(`cannot fetch http://127.0.0.1:${port}/list: ECONNREFUSED`);
  });

  it('fails with ExternalHostError when the answer does not finish in time', async () => {
    const error = await failure(readListSource(`${base}/slow`, { ...limits, timeoutMs: 200 }));
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toBe(`${base}/slow did not answer within 200 ms`);
  });

  it('refuses a body declared over the cap before reading it', async () => {
    const error = await failure(readListSource(`${base}/declared-big`, limits));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain('is over 1024 bytes');
  });

  it('refuses a streamed body once it passes the cap', async () => {
    const error = await failure(readListSource(`${base}/streamed-big`, limits));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `${base}/streamed-big is over 1024 bytes, the cap for a threat-intelligence list`
    );
  });

  it('refuses a URL that does not parse without echoing it', async () => {
    const error = await failure(readListSource('http://user:pw@[bad/list', limits));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).not.toContain('pw');
  });
});

describe('readListSource from files', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-intel-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file and names it by base name', async () => {
    const path = join(dir, 'blocklist.txt');
    await writeFile(path, '198.51.100.0/24\n');
    const list = await readListSource(path, limits);
    expect(list).toEqual({ text: '198.51.100.0/24\n', origin: path, name: 'blocklist.txt' });
  });

  it('reads a file of exactly the cap', async () => {
    const path = join(dir, 'full.txt');
    await writeFile(path, 'x'.repeat(limits.maxBytes));
    expect((await readListSource(path, limits)).text).toHaveLength(limits.maxBytes);
  });

  it('refuses a file over the cap', async () => {
    const path = join(dir, 'huge.txt');
    await writeFile(path, 'x'.repeat(limits.maxBytes + 1));
    const error = await failure(readListSource(path, limits));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain(`${path} is over 1024 bytes`);
  });

  it('names a missing file', async () => {
    const path = join(dir, 'absent.txt');
    const error = await failure(readListSource(path, limits));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`cannot open the list ${path}: ENOENT`);
  });

  it('refuses a directory', async () => {
    const error = await failure(readListSource(dir, limits));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`cannot read the list ${dir}: EISDIR`);
  });

  it('refuses an empty name', async () => {
    await expect(readListSource(' ', limits)).rejects.toThrow(InputError);
  });
});
