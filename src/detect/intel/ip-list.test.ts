import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { parseIpList } from './ip-list.js';
import { IpSet } from './ip-set.js';

function setOf(text: string): IpSet {
  return IpSet.build(parseIpList(text, 'list.txt'));
}

describe('parseIpList', () => {
  it("reads Tor's bulk exit list", () => {
    const set = setOf('171.25.193.20\n185.220.101.4\r\n2a0b:f4c2:2::1\n');
    expect(set.has('185.220.101.4')).toBe(true);
    expect(set.has('2a0b:f4c2:2::1')).toBe(true);
    expect(set.has('185.220.101.5')).toBe(false);
  });

  it("reads the ExitAddress lines of Tor's exit-addresses document", () => {
    const text = [
      'ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E',
      'Published 2026-10-31 21:38:12',
      'LastStatus 2026-11-01 08:00:00',
      'ExitAddress 162.247.74.201 2026-11-01 08:03:01',
      'ExitNode 0111BA9B604669E636FFD5B503F382A4B7AD6E80',
      'Published 2026-10-31 19:12:45',
      'LastStatus 2026-11-01 07:00:00',
      'ExitAddress 176.10.99.200 2026-11-01 07:41:16',
    ].join('\n');
    const networks = parseIpList(text, 'exit-addresses');
    expect(networks).toHaveLength(2);
    const set = IpSet.build(networks);
    expect(set.has('162.247.74.201')).toBe(true);
    expect(set.has('176.10.99.200')).toBe(true);
  });

  it('reads a FireHOL netset with its comment header', () => {
    const text = [
      '#',
      '# firehol_level1',
      '#',
      '# Maintainer      : FireHOL',
      '0.0.0.0/8',
      '5.188.10.0/23',
      '',
      '223.254.0.0/16',
    ].join('\n');
    const set = setOf(text);
    expect(set.has('5.188.11.255')).toBe(true);
    expect(set.has('5.188.12.0')).toBe(false);
    expect(set.has('223.254.200.1')).toBe(true);
  });

  it('reads Spamhaus DROP with its ; comments', () => {
    const text = [
      '; Spamhaus DROP List 2026/11/01 - (c) 2026 The Spamhaus Project SLU',
      '; Last-Modified: Sat, 31 Oct 2026 12:00:00 GMT',
      '1.10.16.0/20 ; SBL256894',
      '1.19.0.0/16 ; SBL434604',
    ].join('\n');
    const set = setOf(text);
    expect(set.has('1.10.31.255')).toBe(true);
    expect(set.has('1.10.32.0')).toBe(false);
    expect(set.has('1.19.200.3')).toBe(true);
  });

  it('strips a byte-order mark and trailing comments after #', () => {
    const set = setOf('\uFEFF198.51.100.1 # seen scanning\n');
    expect(set.has('198.51.100.1')).toBe(true);
  });

  it('names the file and line of an entry that is not an address', () => {
    expect(() => parseIpList('1.2.3.4\n\n# fine\nevil.example.org\n', 'lists/bad.txt')).toThrow(
      new InputError('lists/bad.txt:4: "evil.example.org": not an IP address or CIDR')
    );
  });

  it('refuses a prefix beyond the family, naming the line', () => {
    expect(() => parseIpList('10.0.0.0/33', 'a.txt')).toThrow(
      'a.txt:1: "10.0.0.0/33": prefix /33 is longer than 32'
    );
    expect(() => parseIpList('::1\n2001:db8::/129', 'b.txt')).toThrow(
      'b.txt:2: "2001:db8::/129": prefix /129 is longer than 128'
    );
  });

  it('refuses two entries on a line (a CSV or a list of another shape)', () => {
    expect(() => parseIpList('1.2.3.4,5.6.7.8', 'c.csv')).toThrow(InputError);
    expect(() => parseIpList('1.2.3.4 5.6.7.8', 'd.txt')).toThrow(
      'd.txt:1: one address or CIDR per line, got "1.2.3.4 5.6.7.8"'
    );
  });

  it('refuses an ExitAddress line without an address', () => {
    expect(() => parseIpList('ExitAddress', 'exits')).toThrow(
      'exits:1: "": not an IP address or CIDR'
    );
  });

  it('cuts a long bad line in the message', () => {
    let message = '';
    try {
      parseIpList('x'.repeat(5000), 'long.txt');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.startsWith('long.txt:1: "xxxx')).toBe(true);
    expect(message.length).toBeLessThan(200);
  });

  it('an empty or comment-only list has no entries', () => {
    expect(parseIpList('', 'e')).toEqual([]);
    expect(parseIpList('# nothing\n; here\n   \n', 'e')).toEqual([]);
  });
});
