import { describe, expect, it } from 'vitest';
import { scheme } from './index.js';

function expectAscending(ordered: string[]): void {
  // Every pair, not only neighbours, so a rule that holds locally but not overall shows up.
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const a = ordered[i]!;
      const b = ordered[j]!;
      expect(scheme.compare(a, b), `${a} < ${b}`).toBe(-1);
      expect(scheme.compare(b, a), `${b} > ${a}`).toBe(1);
    }
  }
}

function expectSame(a: string, b: string): void {
  expect(scheme.compare(a, b), `${a} = ${b}`).toBe(0);
  expect(scheme.compare(b, a), `${b} = ${a}`).toBe(0);
}

describe('apk ordering', () => {
  it('compares numbers by value, and a longer list of numbers after its prefix', () => {
    expectAscending(['0.9', '0.9.1', '0.10', '1', '1.2', '1.2.0', '1.2.9', '1.2.10', '10']);
    expectAscending(['1.99999999999999999999', '1.100000000000000000000']);
  });

  it('reads the first number by value, leading zeros and all', () => {
    expectSame('006', '6');
    expectAscending(['1.06-r6', '006']);
  });

  it('compares a later number as text when either has a leading zero', () => {
    expectAscending(['1.0', '1.00', '1.001', '1.01', '1.010', '1.05', '1.1', '1.5']);
  });

  it('puts a letter after no letter, letters in order, and a further number above both', () => {
    expectAscending(['1.2', '1.2a', '1.2b', '1.2z', '1.2.1']);
    expectAscending(['2.3.0b-r1', '2.3.0b-r2', '3.10.18-r1']);
  });

  it('compares a number after the letter by value (OpenSSH-style p1)', () => {
    expectAscending(['6.6.2', '6.6.2_p1', '6.6.2_p2', '6.6.2p', '6.6.2p1', '6.6.2p2', '6.6.2p10']);
    expectAscending(['6.6.2p1-r0', '6.6.2p1-r2', '6.6.3p1-r0', '6.6.4p1-r1']);
  });

  it('sorts the suffixes alpha < beta < pre < rc < none < cvs < svn < git < hg < p', () => {
    expectAscending([
      '1.0_alpha',
      '1.0_beta',
      '1.0_pre',
      '1.0_rc',
      '1.0',
      '1.0_cvs',
      '1.0_svn',
      '1.0_git',
      '1.0_hg',
      '1.0_p',
    ]);
  });

  it('numbers suffixes, no number first, and compares further suffixes the same way', () => {
    expectAscending(['1.0_alpha', '1.0_alpha1', '1.0_alpha2', '1.0_alpha10', '1.0_beta1']);
    expectAscending(['1.0_rc1_alpha', '1.0_rc1', '1.0_rc1_p1', '1.0_rc2', '1.0']);
    expectSame('1.0_p0', '1.0_p00');
  });

  it('places a pre-release below the release whatever follows', () => {
    expectAscending(['0.8_beta4', '0.8', '0.8-r0', '0.8.1_rc1', '0.8.1']);
    expectAscending(['1.0_rc1-r5', '1.0-r0']);
  });

  it('compares revisions by value, a missing one first and an empty one as 0', () => {
    expectAscending(['1.0.4', '1.0.4-r0', '1.0.4-r1', '1.0.4-r3', '1.0.4-r10', '1.0.5-r0']);
    expectAscending(['1.2', '1.2-r9', '1.2_p1', '1.2a', '1.2.1']);
    expectSame('1-r', '1-r0');
    expectSame('1-r01', '1-r1');
  });

  it('compares commit hashes as text, between the suffixes and the revision', () => {
    expectAscending(['1.0', '1.0-r0', '1.0~abc', '1.0~abc-r0', '1.0~abd', '1.0_p1']);
  });

  it('is exact for identical text', () => {
    expectSame('1.2.3b_rc1_p2~c0ffee-r4', '1.2.3b_rc1_p2~c0ffee-r4');
  });
});
