import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ExternalHostError, InputError } from '../../core/errors.js';
import { pino } from 'pino';
import { silentLogger, type Logger } from '../../core/logger.js';
import { HttpClient, redirectTarget } from './http.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const servers: ReturnType<typeof createServer>[] = [];
const clients: HttpClient[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(maxRetries = 3, timeoutMs = 5000, logger: Logger = silentLogger): HttpClient {
  const http = new HttpClient({
    logger,
    maxRetries,
    timeoutMs,
    insecure: true,
    backoff: { baseMs: 5, maxMs: 20, retryAfterCapMs: 2000 },
  });
  clients.push(http);
  return http;
}

function get(host: string, path = '/v2/') {
  return { url: new URL(`http://${host}${path}`), target: `registry ${host}` };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((http) => http.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('HttpClient', () => {
  it('waits as long as Retry-After says on 503, then succeeds', async () => {
    let calls = 0;
    const host = await serve((_request, response) => {
      calls++;
      if (calls === 1) {
        response.writeHead(503, { 'retry-after': '1' }).end('busy');
      } else {
        response.writeHead(200).end('ok');
      }
    });
    const lines: { msg?: string; delayMs?: number; status?: number }[] = [];
    const logger = pino(
      { level: 'debug' },
      { write: (line: string) => lines.push(JSON.parse(line) as (typeof lines)[number]) }
    );

    const response = await client(3, 5000, logger).fetch(get(host), 100, 'test');

    expect(response.status).toBe(200);
    expect(response.data.toString()).toBe('ok');
    expect(calls).toBe(2);
    expect(lines.filter((line) => line.delayMs !== undefined)).toMatchObject([
      { status: 503, delayMs: 1000 },
    ]);
  });

  it('gives up on 429 after maxRetries with ExternalHostError', async () => {
    let count = 0;
    const host = await serve((_request, response) => {
      count++;
      response.writeHead(429, { 'retry-after': '0' }).end();
    });
    const fetching = client(2).fetch(get(host), 100, 'test');
    await expect(fetching).rejects.toThrow(ExternalHostError);
    await expect(fetching).rejects.toThrow(/rate limiting.*gave up after 3 attempts/);
    expect(count).toBe(3);
  });

  it('retries 5xx with backoff and then returns the last error as ExternalHostError', async () => {
    let count = 0;
    const host = await serve((_request, response) => {
      count++;
      response.writeHead(502).end();
    });
    await expect(client(1).stream(get(host))).rejects.toThrow(
      `registry ${host} answered 502 for http://${host}/v2/; gave up after 2 attempts`
    );
    expect(count).toBe(2);
  });

  it('does not retry 4xx', async () => {
    let count = 0;
    const host = await serve((_request, response) => {
      count++;
      response.writeHead(404).end('{"errors":[]}');
    });
    const response = await client().fetch(get(host), 100, 'test');
    expect(response.status).toBe(404);
    expect(count).toBe(1);
  });

  it('turns a refused connection into ExternalHostError naming the host', async () => {
    const host = await serve(() => undefined);
    await new Promise<void>((resolve) =>
      servers.pop()!.close(() => {
        resolve();
      })
    );
    const fetching = client(2).fetch(get(host), 100, 'test');
    await expect(fetching).rejects.toThrow(ExternalHostError);
    await expect(fetching).rejects.toThrow(
      `cannot reach registry ${host}: ECONNREFUSED (after 3 attempts)`
    );
  });

  it('retries a connection the server drops', async () => {
    let count = 0;
    const host = await serve((request, response) => {
      count++;
      if (count === 1) {
        request.socket.destroy();
        return;
      }
      response.writeHead(200).end('ok');
    });
    expect((await client().fetch(get(host), 100, 'test')).status).toBe(200);
    expect(count).toBe(2);
  });

  it('times out a silent server', async () => {
    const host = await serve(() => undefined);
    await expect(client(0, 200).fetch(get(host), 100, 'test')).rejects.toThrow(
      /no answer within 200 ms/
    );
  });

  it('refuses bodies over the limit, declared or not', async () => {
    const host = await serve((request, response) => {
      if (request.url === '/declared') {
        response.writeHead(200, { 'content-length': '1000' }).end('x'.repeat(1000));
      } else {
        response.writeHead(200);
        response.write('x'.repeat(600));
        response.end('x'.repeat(600));
      }
    });
    await expect(client().fetch(get(host, '/declared'), 100, 'manifest m')).rejects.toThrow(
      new InputError('manifest m is 1000 bytes, more than the 100 allowed')
    );
    await expect(client().fetch(get(host, '/chunked'), 1000, 'manifest m')).rejects.toThrow(
      'manifest m is larger than the 1000 bytes allowed'
    );
  });

  it('follows redirects, dropping Authorization when the origin changes', async () => {
    const storageHeaders: (string | undefined)[] = [];
    const storage = await serve((request, response) => {
      storageHeaders.push(request.headers.authorization);
      response.writeHead(200).end('blob');
    });
    const registryHeaders: (string | undefined)[] = [];
    const registry = await serve((request, response) => {
      registryHeaders.push(request.headers.authorization);
      const location =
        request.url === '/v2/x/blobs/a' ? '/v2/x/blobs/b' : `http://${storage}/bucket/b?sig=1`;
      response.writeHead(307, { location }).end();
    });
    const response = await client().fetch(
      {
        url: new URL(`http://${registry}/v2/x/blobs/a`),
        headers: { authorization: 'Bearer secret' },
        target: 'registry',
      },
      100,
      'blob'
    );
    expect(response.data.toString()).toBe('blob');
    expect(response.url.host).toBe(storage);
    expect(registryHeaders).toEqual(['Bearer secret', 'Bearer secret']);
    expect(storageHeaders).toEqual([undefined]);
  });

  it('stops after too many redirects', async () => {
    const host = await serve((_request, response) => {
      response.writeHead(302, { location: '/again' }).end();
    });
    await expect(client().fetch(get(host), 100, 'test')).rejects.toThrow(/more than 5 times/);
  });

  it('refuses a redirect from HTTPS to plain HTTP unless insecure', () => {
    const from = new URL('https://registry.example/v2/x/blobs/a');
    expect(redirectTarget(from, 'https://cdn.example/b', false, 'registry').host).toBe(
      'cdn.example'
    );
    expect(redirectTarget(from, '/v2/x/blobs/b', false, 'registry').href).toBe(
      'https://registry.example/v2/x/blobs/b'
    );
    expect(() => redirectTarget(from, 'http://cdn.example/b', false, 'registry')).toThrow(
      /from HTTPS to plain HTTP/
    );
    expect(redirectTarget(from, 'http://cdn.example/b', true, 'registry').protocol).toBe('http:');
    expect(() => redirectTarget(from, 'file:///etc/passwd', true, 'registry')).toThrow(
      /redirected to a file: URL/
    );
  });
});
