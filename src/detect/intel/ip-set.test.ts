import { describe, expect, it } from 'vitest';
import { parseNetwork, type Network } from './ip-network.js';
import { IpSet } from './ip-set.js';

function setOf(...entries: string[]): IpSet {
  return IpSet.build(
    entries.flatMap((entry) => {
      const parsed = parseNetwork(entry);
      if (typeof parsed === 'string') {
        throw new Error(parsed);
      }
      return parsed;
    })
  );
}

describe('IpSet', () => {
  it('finds single addresses and the edges of networks, and nothing just outside', () => {
    const set = setOf('203.0.113.10', '198.51.100.0/24', '2001:db8::/48', '2001:db8:ffff::1');
    expect(set.has('203.0.113.10')).toBe(true);
    expect(set.has('203.0.113.11')).toBe(false);
    expect(set.has('198.51.100.0')).toBe(true);
    expect(set.has('198.51.100.255')).toBe(true);
    expect(set.has('198.51.99.255')).toBe(false);
    expect(set.has('198.51.101.0')).toBe(false);
    expect(set.has('2001:db8::')).toBe(true);
    expect(set.has('2001:db8:0:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(set.has('2001:db8:1::')).toBe(false);
    expect(set.has('2001:DB8:FFFF:0:0:0:0:1')).toBe(true);
    expect(set.has('2001:db8:ffff::2')).toBe(false);
  });

  it('treats an IPv4-mapped source address as IPv4', () => {
    const set = setOf('192.0.2.0/24', '203.0.113.10');
    expect(set.has('::ffff:192.0.2.77')).toBe(true);
    expect(set.has('::ffff:203.0.113.10')).toBe(true);
    expect(set.has('::ffff:203.0.113.11')).toBe(false);
  });

  it('matches an IPv4 source against a list written with mapped IPv6', () => {
    const set = setOf('::ffff:192.0.2.0/120');
    expect(set.has('192.0.2.1')).toBe(true);
    expect(set.has('192.0.3.1')).toBe(false);
  });

  it('answers false for what is not an address', () => {
    const set = setOf('0.0.0.0/0');
    expect(set.has('0.0.0.0')).toBe(true);
    expect(set.has('255.255.255.255')).toBe(true);
    expect(set.has('not-an-ip')).toBe(false);
    expect(set.has('')).toBe(false);
    expect(set.has('::2')).toBe(false);
  });

  it('an empty set has nothing', () => {
    expect(IpSet.build([]).has('1.2.3.4')).toBe(false);
    expect(IpSet.build([]).size).toBe(0);
  });

  it('agrees with a plain scan over overlapping, nested and touching networks', () => {
    let seed = 7;
    const random = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % limit;
    };
    const networks: Network[] = [];
    for (let index = 0; index < 300; index += 1) {
      const start = random(4096) * 16;
      const length = random(3) === 0 ? 1 : random(200);
      networks.push({ family: 4, start, end: start + length - (length > 0 ? 1 : 0) });
    }
    const set = IpSet.build(networks);
    const wrong: string[] = [];
    let found = 0;
    for (let value = 0; value < 4096 * 16 + 300; value += 1) {
      const text = [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
      const expected = networks.some((network) => network.start <= value && value <= network.end);
      found += expected ? 1 : 0;
      if (set.has(text) !== expected) {
        wrong.push(text);
      }
    }
    expect(wrong).toEqual([]);
    expect(found).toBeGreaterThan(1000);
  });
});
