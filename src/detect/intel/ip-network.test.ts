import { describe, expect, it } from 'vitest';
import { parseIpv4 } from './ip-address.js';
import { parseNetwork } from './ip-network.js';

const v4 = (text: string) => parseIpv4(text) ?? Number.NaN;

describe('parseNetwork', () => {
  it('reads a single address as a one-address network', () => {
    expect(parseNetwork('198.51.100.7')).toEqual([
      { family: 4, start: v4('198.51.100.7'), end: v4('198.51.100.7') },
    ]);
  });

  it('clears host bits beyond the prefix', () => {
    expect(parseNetwork('10.1.2.3/8')).toEqual([
      { family: 4, start: v4('10.0.0.0'), end: v4('10.255.255.255') },
    ]);
  });

  it('accepts the edges /0 and /32, /0 and /128', () => {
    expect(parseNetwork('0.0.0.0/0')).toEqual([{ family: 4, start: 0, end: 2 ** 32 - 1 }]);
    expect(parseNetwork('1.2.3.4/32')).toEqual([
      { family: 4, start: v4('1.2.3.4'), end: v4('1.2.3.4') },
    ]);
    expect(parseNetwork('2001:db8::1/128')).toEqual([
      { family: 6, start: (0x20010db8n << 96n) + 1n, end: (0x20010db8n << 96n) + 1n },
    ]);
    const all = parseNetwork('::/0');
    expect(all).toContainEqual({ family: 6, start: 0n, end: (1n << 128n) - 1n });
  });

  it('reads an IPv6 network', () => {
    expect(parseNetwork('2001:db8::/32')).toEqual([
      { family: 6, start: 0x20010db8n << 96n, end: (0x20010db9n << 96n) - 1n },
    ]);
  });

  it('turns a network of IPv4-mapped addresses into IPv4', () => {
    expect(parseNetwork('::ffff:192.0.2.0/120')).toEqual([
      { family: 4, start: v4('192.0.2.0'), end: v4('192.0.2.255') },
    ]);
  });

  it('gives the IPv4 part of an IPv6 network that covers the mapped block, and keeps the rest', () => {
    const networks = parseNetwork('::/64');
    expect(networks).toEqual([
      { family: 4, start: 0, end: 2 ** 32 - 1 },
      { family: 6, start: 0n, end: (1n << 64n) - 1n },
    ]);
  });

  it.each([
    ['1.2.3.4/33', 'prefix /33 is longer than 32'],
    ['2001:db8::/129', 'prefix /129 is longer than 128'],
    ['1.2.3.4/', 'the prefix after / is not a number'],
    ['1.2.3.4/-1', 'the prefix after / is not a number'],
    ['1.2.3.4/8/8', 'the prefix after / is not a number'],
    ['1.2.3.0-1.2.3.255', 'not an IP address or CIDR'],
    ['2001:db8:::/48', 'not an IP address or CIDR'],
    ['example.org', 'not an IP address or CIDR'],
  ])('refuses %j: %s', (text, reason) => {
    expect(parseNetwork(text)).toBe(reason);
  });
});
