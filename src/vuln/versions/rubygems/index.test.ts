import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { orderAssertions } from '../../../../test/harness/version-order.js';
import { scheme } from './index.js';

const { expectAscending, expectEqual } = orderAssertions(scheme);

describe('rubygems scheme', () => {
  it('names itself and the RubyGems ecosystem', () => {
    expect(scheme.id).toBe('rubygems');
    expect(scheme.ecosystems).toEqual(['RubyGems']);
  });

  it('orders numbers numerically, however long', () => {
    expectAscending(['0.9', '1', '1.0.1', '1.2', '1.10', '2', '123456789012345678901234567890']);
    expectEqual('1.01', '1.1');
  });

  it('drops trailing zeros', () => {
    expectEqual('1', '1.0.0');
    expectEqual('1.0.0.0.1', '1.0.0.0.1.0');
  });

  it('puts a version with letters (a prerelease) before its release', () => {
    expectAscending(['1.0.a', '1.0.b', '1.0.rc1', '1.0.rc2', '1.0', '1.0.0.1']);
    expectAscending(['5.0.0.beta1.1', '5.0.0.beta2', '5.0.0']);
  });

  it('splits letters from digits inside a part', () => {
    expectEqual('1.0.a10', '1.0.a.10');
    expectAscending(['1.0.a9', '1.0.a10', '1.0.b1']);
  });

  it('reads - as .pre.', () => {
    expectEqual('1.0-1', '1.0.pre.1');
    expectEqual('1.0.0-rc1', '1.0.0.pre.rc1');
    expectAscending(['1.0-1', '1.0']);
  });

  it('drops trailing zeros of the prerelease part on its own', () => {
    expectEqual('1.0.a.0', '1.a');
    expectEqual('1.a.0.0', '1.a');
    expectAscending(['1.a.0.b', '1.a.1']);
  });

  it('compares letters byte by byte, so case matters', () => {
    expectAscending(['1.B', '1.a', '1.b']);
  });

  it('ignores white space around the version', () => {
    expectEqual(' 1.2\n', '1.2');
  });

  it('accepts what Gem::Version accepts', () => {
    for (const version of ['1', '1.0.a', '1.0-rc-1', '1.0--', '2.0.0-x.y-z.1']) {
      expect(scheme.isValid(version), version).toBe(true);
    }
  });

  it('refuses what Gem::Version refuses, and the empty version', () => {
    for (const version of ['', ' ', 'a', '1beta', '1.', '1..0', '1.0-', '1.0-a.', '1_0', 'v1']) {
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
      scheme.compare('1', '1beta');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidVersionError);
    expect(caught).toMatchObject({ scheme: 'rubygems', version: '1beta' });
  });
});
