import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { orderAssertions } from '../../../../test/harness/version-order.js';
import { scheme } from './index.js';

const { expectAscending, expectEqual } = orderAssertions(scheme);

describe('maven scheme', () => {
  it('names itself and the Maven ecosystem', () => {
    expect(scheme.id).toBe('maven');
    expect(scheme.ecosystems).toEqual(['Maven']);
  });

  it('orders numbers numerically, however long', () => {
    expectAscending(['1', '1.1', '1.2', '1.10', '2', '10', '9999999999', '99999999999999999999']);
    expectAscending(['123456789', '1234567890', '123456789012345678', '1234567890123456789']);
    expectEqual('1.01', '1.1');
    expectEqual('000', '0');
  });

  it('orders the known qualifiers, the release among them', () => {
    expectAscending([
      '1-alpha',
      '1-beta',
      '1-milestone',
      '1-rc',
      '1-snapshot',
      '1',
      '1-sp',
      '1-abc',
      '1-xyz',
    ]);
  });

  it('treats cr as rc, and ga, final and release as the release', () => {
    expectEqual('1-cr', '1-rc');
    expectEqual('1-ga', '1');
    expectEqual('1.final', '1');
    expectEqual('1.0.0.RELEASE', '1');
  });

  it('reads a, b and m as alpha, beta and milestone only when a digit follows', () => {
    expectEqual('1a1', '1-alpha-1');
    expectEqual('1b2', '1-beta-2');
    expectEqual('1m3', '1-milestone-3');
    // Alone, `a` is an unknown qualifier: after the release, not before it.
    expectAscending(['1-alpha', '1', '1-a']);
    expectAscending(['1-milestone', '1', '1.m']);
  });

  it('ignores case', () => {
    expectEqual('1.0-SNAPSHOT', '1.0-snapshot');
    expectEqual('1-RC1', '1-rc1');
    expectEqual('1XYZ', '1xyz');
  });

  it('trims trailing nulls at every hyphen', () => {
    expectEqual('1', '1.0.0');
    expectEqual('1', '1-0');
    expectEqual('1', '1.');
    expectEqual('1', '1-');
    expectEqual('1-foo', '1.0.0-foo.0.0');
    expectEqual('1', '1.0.0-0.0.0');
    expectEqual('1.0-x', '1-x');
  });

  it('splits at digit and letter switches as at a hyphen', () => {
    expectEqual('1a', '1-a');
    expectEqual('1.0.0x', '1-x');
    expectEqual('1-1.foo-bar-1-baz-0.1', '1-1.foo-bar1baz-.1');
  });

  it('reads empty parts as 0', () => {
    expectEqual('1..1', '1.0.1');
    expectEqual('1--1', '1-0-1');
  });

  it('orders a qualifier below a list below a number at the same place', () => {
    expectAscending(['1-sp', '1-1', '1.1']);
    expectAscending(['1.foo', '1-1', '1.1']);
    expectAscending(['2.0-1', '2.0.1']);
  });

  it('reads a `.` qualifier as a `-` one (Maven 3.9)', () => {
    expectAscending(['1.0.0.RC1', '1.0.0-RC2', '1.0.1']);
    expectEqual('2-abc', '2.0.abc');
    expectEqual('2.0.abc', '2.0.0.abc');
  });

  it('compares a whole sub-list against a missing one (MNG-6964)', () => {
    expectAscending(['1-0.alpha', '1-0.beta', '1']);
  });

  it('keeps 1-1 above 1-ga-1, as ComparableVersion 3.9 does', () => {
    expectAscending(['1-ga-1', '1-1']);
    expectAscending(['1-sp-1', '1-1']);
  });

  it('accepts printable ASCII versions', () => {
    for (const version of ['1', '1.0.0-SNAPSHOT', 'v1_2', '0.0.0-2021-05-17T01-01-51-5ec03a8b']) {
      expect(scheme.isValid(version), version).toBe(true);
    }
  });

  it('refuses empty, spaced, non-ASCII and Maven-forbidden versions', () => {
    for (const version of ['', ' 1', '1.0 ', '1\t0', '1.0-é', '1:0', '1/0', '1*', '1?', '"1"']) {
      expect(scheme.isValid(version), JSON.stringify(version)).toBe(false);
      expect(() => scheme.compare(version, '1'), JSON.stringify(version)).toThrow(
        InvalidVersionError
      );
      expect(() => scheme.compare('1', version), JSON.stringify(version)).toThrow(
        InvalidVersionError
      );
    }
  });

  it('names the scheme and the version in its error', () => {
    let caught: unknown;
    try {
      scheme.compare('1', 'a:b');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidVersionError);
    expect(caught).toMatchObject({ scheme: 'maven', version: 'a:b' });
  });
});
