import { describe, expect, it } from 'vitest';
import { parseIp, parseIpv4, parseIpv6 } from './ip-address.js';

describe('parseIpv4', () => {
  it('reads dotted quads at both ends of the range', () => {
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(parseIpv4('203.0.113.10')).toBe(((203 * 256 + 0) * 256 + 113) * 256 + 10);
  });

  it.each([
    '256.0.0.1',
    '1.2.3',
    '1.2.3.4.5',
    '1.2.3.',
    '.1.2.3',
    '1..2.3',
    '01.2.3.4',
    '1.2.3.04',
    '1.2.3.4 ',
    '1.2.3.a',
    '',
    '1234.1.1.1',
  ])('refuses %j', (text) => {
    expect(parseIpv4(text)).toBeUndefined();
  });
});

describe('parseIpv6', () => {
  it('reads full, compressed and embedded-IPv4 forms', () => {
    expect(parseIpv6('::')).toBe(0n);
    expect(parseIpv6('::1')).toBe(1n);
    expect(parseIpv6('2001:db8::')).toBe(0x20010db8n << 96n);
    expect(parseIpv6('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe((0x20010db8n << 96n) + 1n);
    expect(parseIpv6('2001:db8:0:0:1::1')).toBe((0x20010db8n << 96n) + (1n << 48n) + 1n);
    expect(parseIpv6('::ffff:1.2.3.4')).toBe((0xffffn << 32n) + 0x01020304n);
    expect(parseIpv6('64:ff9b::192.0.2.33')).toBe((0x64ff9bn << 96n) + 0xc0000221n);
    expect(parseIpv6('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe((1n << 128n) - 1n);
  });

  it.each([
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8',
    '12345::',
    ':1::',
    '1::2:',
    'g::1',
    '1.2.3.4::',
    '::1.2.3',
    '::256.1.1.1',
    '',
  ])('refuses %j', (text) => {
    expect(parseIpv6(text)).toBeUndefined();
  });
});

describe('parseIp', () => {
  it('turns an IPv4-mapped IPv6 address into its IPv4 address', () => {
    expect(parseIp('::ffff:1.2.3.4')).toBe(parseIpv4('1.2.3.4'));
    expect(parseIp('::FFFF:0102:0304')).toBe(parseIpv4('1.2.3.4'));
  });

  it('keeps other IPv6 addresses as IPv6, dropping a zone', () => {
    expect(parseIp('fe80::1%eth0')).toBe((0xfe80n << 112n) + 1n);
    expect(typeof parseIp('::fffe:1.2.3.4')).toBe('bigint');
  });

  it('gives undefined for what is not an address', () => {
    expect(parseIp('example.org')).toBeUndefined();
    expect(parseIp('1.2.3.4:443')).toBeUndefined();
  });
});
