import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeServingCertificate } from '../../../../test/harness/kube-api-double.js';
import { ExternalHostError, InputError } from '../../../core/errors.js';
import { rejectionOf } from '../../store/contract-support.js';
import { hostile, sampleMessage } from '../test-support.js';
import { kind } from './index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) {
    await close();
  }
});

/** RFC 6587 octet-counted frames, read back from a stream's bytes. */
function frames(bytes: Buffer): string[] {
  const found: string[] = [];
  let rest = bytes;
  while (rest.length > 0) {
    const space = rest.indexOf(0x20);
    const length = Number(rest.subarray(0, space).toString('ascii'));
    expect(Number.isInteger(length) && length > 0).toBe(true);
    found.push(rest.subarray(space + 1, space + 1 + length).toString('utf8'));
    rest = rest.subarray(space + 1 + length);
  }
  return found;
}

interface Parsed {
  pri: number;
  msgId: string;
  header: string[];
  extensions: Record<string, string>;
}

/** Splits on separators not escaped by a backslash, then unescapes, as a CEF receiver does. */
function parseSyslogCef(line: string): Parsed {
  const syslog = /^<(\d+)>1 (\S+) (\S+) palisade (\d+) (\S+) - (CEF:0\|.*)$/s.exec(line);
  if (syslog === null) {
    throw new Error(`not an RFC 5424 CEF line: ${line}`);
  }
  const cef = syslog[6] ?? '';
  expect(cef).not.toMatch(/[\r\n]/);
  const header: string[] = [];
  let field = '';
  let index = 0;
  for (; index < cef.length && header.length < 7; index += 1) {
    const char = cef[index] ?? '';
    if (char === '\\') {
      field += cef[index + 1] ?? '';
      index += 1;
    } else if (char === '|') {
      header.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  const extensionText = cef.slice(index);
  const extensions: Record<string, string> = {};
  // A key starts the text or follows a space, and ends at the first unescaped `=`.
  const keys = [...extensionText.matchAll(/(?:^| )(\w+)=/g)].filter((match) => {
    const before = extensionText.slice(0, match.index + match[0].length - 1);
    return !/(^|[^\\])(\\\\)*\\$/.test(before);
  });
  keys.forEach((match, position) => {
    const start = match.index + match[0].length;
    const end = keys[position + 1]?.index ?? extensionText.length;
    extensions[match[1] ?? ''] = extensionText
      .slice(start, end)
      .replace(/\\(.)/g, (_, escaped: string) =>
        escaped === 'n' ? '\n' : escaped === 'r' ? '\r' : escaped
      );
  });
  return { pri: Number(syslog[1]), msgId: syslog[5] ?? '', header, extensions };
}

function checkHostileLine(line: string): void {
  const parsed = parseSyslogCef(line);
  expect(parsed.pri).toBe(16 * 8 + 3);
  expect(parsed.msgId).toBe('alert');
  expect(parsed.header).toEqual([
    'CEF:0',
    'Palisade',
    'Palisade',
    '1.2.3',
    'privileged-container',
    'Privileged container created',
    '8',
  ]);
  expect(parsed.extensions).toMatchObject({
    suser: hostile.username,
    msg: hostile.message,
    cs3Label: 'object',
    cs3: `pods shop/${hostile.name}`.replace('\r\n', '\n'),
    cs1Label: 'cluster',
    cs1: 'prod',
    cs2: 'T1610,T1611',
    cs5: 'system:authenticated,dev|ops',
    src: '10.0.0.7',
    cnt: '3',
    externalId: 'c1:abc',
    start: String(Date.parse('2025-01-31T12:00:00.000Z')),
    request: 'https://palisade.example/api/v1/alerts/c1%3Aabc',
  });
}

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

/** A stream receiver that keeps each connection's bytes and closes when the sender does. */
function streamReceiver(make: (onSocket: (socket: Socket) => void) => Server): {
  server: Server;
  connections: Promise<Buffer>[];
} {
  const connections: Promise<Buffer>[] = [];
  const server = make((socket) => {
    connections.push(
      new Promise((resolve) => {
        const chunks: Buffer[] = [];
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('end', () => {
          socket.end();
          resolve(Buffer.concat(chunks));
        });
      })
    );
  });
  return { server, connections };
}

let certificate: { keyPem: string; certPem: string };
beforeAll(async () => {
  certificate = await makeServingCertificate();
});

describe('syslog-cef channel', () => {
  it('sends one RFC 5424 datagram over UDP, hostile values escaped', async () => {
    const socket: UdpSocket = createSocket('udp4');
    const datagrams: string[] = [];
    const got = new Promise<void>((resolve) =>
      socket.on('message', (message) => {
        datagrams.push(message.toString('utf8'));
        resolve();
      })
    );
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
    const channel = kind.parse({
      transport: 'udp',
      host: '127.0.0.1',
      port: socket.address().port,
    });
    expect(channel.target).toBe(`udp://127.0.0.1:${socket.address().port}`);
    await channel.send(sampleMessage(), { timeoutMs: 5000 });
    await got;
    expect(datagrams).toHaveLength(1);
    checkHostileLine(datagrams[0] ?? '');
  });

  it('frames by octet counting over TCP, one connection per message', async () => {
    const { server, connections } = streamReceiver((onSocket) => createTcpServer(onSocket));
    const port = await listening(server);
    const channel = kind.parse({ transport: 'tcp', host: '127.0.0.1', port, facility: 4 });
    await channel.send(sampleMessage(), { timeoutMs: 5000 });
    await channel.send(
      sampleMessage({ alert: { ...sampleMessage().alert, severity: 'critical' } }),
      {
        timeoutMs: 5000,
      }
    );
    const received = await Promise.all(connections);
    expect(received).toHaveLength(2);
    const [first] = frames(received[0] ?? Buffer.alloc(0));
    const [second] = frames(received[1] ?? Buffer.alloc(0));
    expect(parseSyslogCef(first ?? '').pri).toBe(4 * 8 + 3);
    expect(parseSyslogCef(second ?? '').pri).toBe(4 * 8 + 2);
    expect(parseSyslogCef(second ?? '').header[6]).toBe('10');
    expect(parseSyslogCef(first ?? '').extensions['suser']).toBe(hostile.username);
  });

  it('sends over TLS to a receiver whose certificate it was given, and refuses others', async () => {
    const { server, connections } = streamReceiver((onSocket) =>
      createTlsServer({ key: certificate.keyPem, cert: certificate.certPem }, onSocket)
    );
    const port = await listening(server);
    const trusted = kind.parse({
      transport: 'tls',
      host: '127.0.0.1',
      port,
      ca: certificate.certPem,
    });
    expect(trusted.target).toBe(`tls://127.0.0.1:${port}`);
    await trusted.send(sampleMessage(), { timeoutMs: 5000 });
    const [bytes] = await Promise.all(connections);
    const [line] = frames(bytes ?? Buffer.alloc(0));
    checkHostileLine(line ?? '');

    const untrusted = kind.parse({ transport: 'tls', host: '127.0.0.1', port });
    const error = await rejectionOf(untrusted.send(sampleMessage(), { timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(ExternalHostError);
    expect(error.message).toMatch(
      new RegExp(`^syslog tls://127\\.0\\.0\\.1:${port}: .*certificate`)
    );
  });

  it('fails when no one listens on TCP', async () => {
    const server = createTcpServer();
    const port = await listening(server);
    await closers.pop()?.();
    const error = await rejectionOf(
      kind.parse({ transport: 'tcp', host: '127.0.0.1', port }).send(sampleMessage(), {
        timeoutMs: 5000,
      })
    );
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it.each([
    [{ host: 'siem' }, 'config.transport'],
    [{ transport: 'udp' }, 'config.host'],
    [{ transport: 'udp', host: 'siem example' }, 'config.host'],
    [{ transport: 'tcp', host: 'siem', port: 70000 }, 'config.port'],
    [{ transport: 'tcp', host: 'siem', facility: 24 }, 'config.facility'],
    [{ transport: 'tcp', host: 'siem', ca: 'pem' }, 'config.ca'],
    [{ transport: 'tcp', host: 'siem', url: 'x' }, 'config.url'],
  ])('refuses %j naming %s', (config, field) => {
    expect(() => kind.parse(config)).toThrow(InputError);
    expect(() => kind.parse(config)).toThrow(new RegExp(`^${field.replace('.', '\\.')}: `));
  });

  it('fills in default ports and facility', () => {
    expect(kind.parse({ transport: 'tls', host: 'siem.example' }).config).toEqual({
      transport: 'tls',
      host: 'siem.example',
      port: 6514,
      facility: 16,
    });
    expect(kind.parse({ transport: 'udp', host: '::1' }).target).toBe('udp://[::1]:514');
  });
});
