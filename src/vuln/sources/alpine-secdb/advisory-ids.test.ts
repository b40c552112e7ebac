import { describe, expect, it } from 'vitest';
import { splitEntry } from './advisory-ids.js';

describe('secdb entries', () => {
  it('reads a plain CVE id', () => {
    expect(splitEntry('CVE-2019-14904')).toEqual({
      cves: ['CVE-2019-14904'],
      others: [],
      unknown: [],
    });
  });

  it('splits several ids written in one entry, on any whitespace', () => {
    expect(splitEntry('CVE-2019-1234 CVE-2019-5678\tCVE-2020-12345678')).toEqual({
      cves: ['CVE-2019-1234', 'CVE-2019-5678', 'CVE-2020-12345678'],
      others: [],
      unknown: [],
    });
  });

  it('tells the CVE from the ids of other databases written beside it', () => {
    expect(splitEntry('CVE-2018-3639   XSA-263')).toEqual({
      cves: ['CVE-2018-3639'],
      others: ['XSA-263'],
      unknown: [],
    });
    expect(
      splitEntry('XSA-207 GHSA-aaaa-bbbb-1111 GHSA-9wx4-h78v-vm56 TALOS-2019-0844 ZBX-11023')
    ).toEqual({
      cves: [],
      others: ['XSA-207', 'GHSA-9wx4-h78v-vm56', 'TALOS-2019-0844', 'ZBX-11023'],
      unknown: ['GHSA-aaaa-bbbb-1111'],
    });
    expect(splitEntry('wnpa-sec-2017-18').others).toEqual(['wnpa-sec-2017-18']);
  });

  it('drops comments in parentheses and the no-CVE-yet placeholder', () => {
    expect(splitEntry('CVE-2018-10103 (SMB - partially fixed, but SMB printing disabled)')).toEqual(
      { cves: ['CVE-2018-10103'], others: [], unknown: [] }
    );
    expect(splitEntry('CVE-????-?????  XSA-295')).toEqual({
      cves: [],
      others: ['XSA-295'],
      unknown: [],
    });
    expect(splitEntry('(only a comment)')).toEqual({ cves: [], others: [], unknown: [] });
  });

  it('never guesses at a near miss', () => {
    for (const word of [
      'CVE_2019-2426',
      'CVE-2017-17434-1',
      'CVE-2019-19451.patch',
      'CVE-19-1234',
      'CVE-2019-123',
      'cve-2019-1234',
      'XSA-',
      'XPTI',
    ]) {
      expect(splitEntry(word), word).toEqual({ cves: [], others: [], unknown: [word] });
    }
    expect(splitEntry('CVE 2018-16859').unknown).toEqual(['CVE', '2018-16859']);
  });
});
