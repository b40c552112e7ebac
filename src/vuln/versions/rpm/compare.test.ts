import { describe, expect, it } from 'vitest';
import { rpmvercmp } from './compare.js';
import { scheme } from './index.js';

function expectBefore(a: string, b: string): void {
  expect(scheme.compare(a, b), `${a} < ${b}`).toBe(-1);
  expect(scheme.compare(b, a), `${b} > ${a}`).toBe(1);
}

function expectSame(a: string, b: string): void {
  expect(scheme.compare(a, b), `${a} = ${b}`).toBe(0);
  expect(scheme.compare(b, a), `${b} = ${a}`).toBe(0);
}

describe('rpmvercmp', () => {
  it('compares numbers by value, leading zeros ignored, of any length', () => {
    expect(rpmvercmp('10.0001', '10.1')).toBe(0);
    expect(rpmvercmp('4.999.9', '5.0')).toBe(-1);
    expect(rpmvercmp('1.99999999999999999999', '1.100000000000000000000')).toBe(-1);
  });

  it('makes a number newer than letters in the same place', () => {
    expect(rpmvercmp('1.0a', '1.0.1')).toBe(-1);
    expect(rpmvercmp('xyz.4', '2')).toBe(-1);
    expect(rpmvercmp('6.0.rc1', '6.0')).toBe(1);
  });

  it('compares letters by character code, the longer run newer', () => {
    expect(rpmvercmp('1.0a', '1.0aa')).toBe(-1);
    expect(rpmvercmp('1.0Z', '1.0a')).toBe(-1);
    expect(rpmvercmp('el8', 'el8')).toBe(0);
  });

  it('treats every other character as a separator, whichever it is', () => {
    expect(rpmvercmp('2_0', '2.0')).toBe(0);
    expect(rpmvercmp('a+', 'a_')).toBe(0);
    expect(rpmvercmp('1.1.α', '1.1.β')).toBe(0);
    expect(rpmvercmp('1.1.α', '1.1.a')).toBe(-1);
  });

  it('makes a version with more segments newer, even zeros (unlike Grype)', () => {
    expect(rpmvercmp('5.el8', '5.el8.0.0')).toBe(-1);
    expect(rpmvercmp('1.0', '1.0.')).toBe(0);
  });

  it('sorts ~ before everything, the end included', () => {
    expect(rpmvercmp('1.0~rc1', '1.0')).toBe(-1);
    expect(rpmvercmp('1.0~rc1', '1.0~rc2')).toBe(-1);
    expect(rpmvercmp('1.0~rc1~git123', '1.0~rc1')).toBe(-1);
    expect(rpmvercmp('1.0~rc1', '1.0arc1')).toBe(-1);
  });

  it('sorts ^ after the end but before any further segment', () => {
    expect(rpmvercmp('1.0^', '1.0')).toBe(1);
    expect(rpmvercmp('1.0^git1', '1.0')).toBe(1);
    expect(rpmvercmp('1.0^git1', '1.0.1')).toBe(-1);
    expect(rpmvercmp('1.0^git1', '1.0^git2')).toBe(-1);
    expect(rpmvercmp('1.0^git1~pre', '1.0^git1')).toBe(-1);
    expect(rpmvercmp('1.0~rc1^git1', '1.0~rc1')).toBe(1);
    expect(rpmvercmp('1.0~rc1^git1', '1.0')).toBe(-1);
  });
});

describe('rpm ordering of full EVRs', () => {
  it('compares epoch, then version, then release', () => {
    expectBefore('1:0', '2:0');
    expectBefore('0:1', '1:0');
    expectBefore('1.0-9', '1.1-1');
    expectBefore('8.3.1-5.el8.4', '8.3.1-5.el8.5');
    expectBefore('8.3.1-5.el8.5', '8.3.1-5.el8.40');
    expectSame('4.19.01-1.el7_5', '4.19.1-1.el7_5');
    expectBefore('0:3.10.0-229.el7', '0:3.10.0-229.1.2.ael7b');
  });

  it('reads a missing epoch as 0, as rpm does', () => {
    expectSame('1.0-1', '0:1.0-1');
    expectSame('1.0-1', '000:1.0-1');
    expectBefore('2.0', '1:0.5');
    expectBefore('1.5.4-2.el7', '0:1.5.4-2.el7_9');
  });

  it('sorts a missing release before any release, even an empty one', () => {
    expectBefore('1.0', '1.0-');
    expectBefore('1.0', '1.0-0');
    expectSame('1.0-', '1.0-');
    expectSame('1.0-1', '1.0-1.');
    expectBefore('1.0', '1.1');
  });

  it('takes the release after the last hyphen', () => {
    expectBefore('1.2.3-el7_5~snapshot1', '1.2.3-3-el7_5');
    expectBefore('0+1-n:1', '0+2-n:1');
  });

  it('reads a colon that does not follow digits at the start as part of the version', () => {
    expectBefore('a:1', 'b:1');
    expectBefore('1.m+e2:1', '4.m+e1:1');
    expectSame('+-n:1', '+-n:1');
  });
});
