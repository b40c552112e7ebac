import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExternalHostError, InputError } from '../../core/errors.js';
import { loadThreatIntel } from './threat-intel.js';

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-intel-'));
  await writeFile(join(dir, 'tor-bulk.txt'), '185.220.101.4\n2a0b:f4c2:2::1\n');
  await writeFile(
    join(dir, 'exit-addresses'),
    'ExitNode ABC\nPublished 2026-11-01 00:00:00\nLastStatus 2026-11-01 01:00:00\nExitAddress 162.247.74.201 2026-11-01 01:02:03\n'
  );
  await writeFile(join(dir, 'blocklist.txt'), '# ours\n198.51.100.0/24\n');
  await writeFile(join(dir, 'miners.txt'), 'xmrig/xmrig\n*/xmrig*\n');
  await writeFile(join(dir, 'broken.txt'), '198.51.100.1\n198.51.100.0/40\n');
  server = createServer((request, response) => {
    if (request.url === '/drop.txt') {
      response.end('203.0.113.0/24 ; SBL1\n');
    } else {
      response.statusCode = 503;
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await new Promise((resolve) => server.close(resolve));
});

describe('loadThreatIntel', () => {
  it('without lists matches nothing', async () => {
    const intel = await loadThreatIntel();
    expect(intel.torExit('185.220.101.4')).toBeUndefined();
    expect(intel.maliciousIp('203.0.113.9')).toBeUndefined();
    expect(intel.minerImage('xmrig/xmrig')).toBeUndefined();
    expect(intel.lists).toEqual([]);
  });

  it('answers from Tor lists, custom lists by name, and miner lists by entry', async () => {
    const intel = await loadThreatIntel({
      torExits: [join(dir, 'tor-bulk.txt'), join(dir, 'exit-addresses')],
      maliciousIps: [join(dir, 'blocklist.txt'), `${base}/drop.txt`],
      minerImages: [join(dir, 'miners.txt')],
    });
    expect(intel.torExit('185.220.101.4')).toBe('tor-exits');
    expect(intel.torExit('::ffff:162.247.74.201')).toBe('tor-exits');
    expect(intel.torExit('2a0b:f4c2:2:0::1')).toBe('tor-exits');
    expect(intel.torExit('185.220.101.5')).toBeUndefined();
    expect(intel.maliciousIp('198.51.100.200')).toBe('custom:blocklist.txt');
    expect(intel.maliciousIp('203.0.113.9')).toBe(`custom:${new URL(base).host}/drop.txt`);
    expect(intel.maliciousIp('185.220.101.4')).toBeUndefined();
    expect(intel.minerImage('xmrig/xmrig:latest')).toBe('xmrig/xmrig');
    expect(intel.minerImage('quay.io/x/xmrig-cuda')).toBe('*/xmrig*');
    expect(intel.minerImage('nginx:1.27')).toBeUndefined();
    expect(intel.lists.map((list) => [list.kind, list.name, list.entries])).toEqual([
      ['tor-exits', 'tor-exits', 2],
      ['tor-exits', 'tor-exits', 1],
      ['malicious-ips', 'custom:blocklist.txt', 1],
      ['malicious-ips', `custom:${new URL(base).host}/drop.txt`, 1],
      ['miner-images', 'miners.txt', 2],
    ]);
  });

  it('fails on a bad line, naming file and line', async () => {
    const path = join(dir, 'broken.txt');
    await expect(loadThreatIntel({ maliciousIps: [path] })).rejects.toThrow(
      new InputError(`${path}:2: "198.51.100.0/40": prefix /40 is longer than 32`)
    );
  });

  it('fails when a list URL answers an error', async () => {
    await expect(loadThreatIntel({ torExits: [`${base}/exits?key=abc`] })).rejects.toThrow(
      new ExternalHostError(`${base}/exits answered HTTP 503`)
    );
  });

  it('applies the size cap it is given', async () => {
    await expect(
      loadThreatIntel({ minerImages: [join(dir, 'miners.txt')], maxListBytes: 4 })
    ).rejects.toThrow(InputError);
  });
});
