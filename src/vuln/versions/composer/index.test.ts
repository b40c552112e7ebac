import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { orderAssertions } from '../../../../test/harness/version-order.js';
import { scheme } from './index.js';

const { expectAscending, expectEqual } = orderAssertions(scheme);

describe('composer scheme', () => {
  it('names itself and the Packagist ecosystem', () => {
    expect(scheme.id).toBe('composer');
    expect(scheme.ecosystems).toEqual(['Packagist']);
  });

  it('orders numbers numerically, padded to four', () => {
    expectAscending(['0.9', '1', '1.0.0.1', '1.0.1', '1.2', '1.10', '2', '99999']);
    expectEqual('1', '1.0.0.0');
    expectEqual('1.0', '1.0.0');
    expectEqual('1.01', '1.1');
  });

  it('orders stabilities: dev < alpha < beta < RC < stable < patch', () => {
    expectAscending([
      '1.0-dev',
      '1.0-alpha1',
      '1.0-alpha2',
      '1.0-beta1',
      '1.0-RC1',
      '1.0',
      '1.0-patch1',
      '1.0.1-dev',
    ]);
  });

  it('reads the short and upper-case spellings of stabilities', () => {
    expectEqual('1.0a1', '1.0-alpha1');
    expectEqual('1.0-B2', '1.0-beta2');
    expectEqual('1.0rc1', '1.0-RC1');
    expectEqual('1.0-BETA.1', '1.0-beta1');
    expectEqual('1.0pl1', '1.0-patch1');
    expectEqual('1.0-p1', '1.0-patch1');
    expectEqual('1.0-stable', '1.0');
  });

  it('accepts `.`, `-` and `_` before a stability, and numbers after it', () => {
    expectEqual('1.25.0-beta2.1', '1.25.0-b.2.1');
    expectEqual('1.25.0beta2.1', '1.25.0_b2.1');
    expectAscending(['1.25.0-beta2', '1.25.0-beta2.1', '1.25.0-beta3']);
  });

  it('drops a v prefix and build metadata', () => {
    expectEqual('v1.2.3', '1.2.3');
    expectEqual('V1.2.3', '1.2.3');
    expectEqual('1.2.3+build.7', '1.2.3');
  });

  it('reads date versions', () => {
    expectAscending(['2010-01-02', '2010-01-02-5', '2010-01-03', '2010-02-01']);
    expectEqual('2010-01-02', '2010:01:02');
    // The classical form wins where both fit, and pads: 2010.01.02 is 2010.01.02.0.
    expectAscending(['2010-01-02', '2010.01.02']);
  });

  it('puts a dev branch below every numbered version', () => {
    expectAscending(['dev-master', '0.0.1-dev', '0.0.1']);
    expectEqual('master', 'dev-master');
    expectEqual('DEV-master', 'dev-master');
  });

  it('reads 1.x-dev as the last dev version of 1', () => {
    expectAscending(['1.99', '1.x-dev', '2.0-dev']);
    expectEqual('1.x-dev', '1.9999999.9999999.9999999-dev');
    expectEqual('1.2.*-dev', '1.2.9999999.9999999-dev');
  });

  it('caps numbers as PHP does, at 2^63-1', () => {
    expectEqual('1.9223372036854775807', '1.99999999999999999999');
    expectAscending(['1.9223372036854775806', '1.9223372036854775807']);
  });

  it('accepts what Composer normalizes', () => {
    for (const version of ['1', ' v1.2.3 ', '1.0.0-RC1', '2.x-dev', 'dev-feature/x', 'trunk']) {
      expect(scheme.isValid(version), JSON.stringify(version)).toBe(true);
    }
  });

  it('refuses what Composer refuses, constraint syntax, and odd characters', () => {
    for (const version of [
      '',
      '  ',
      'foo',
      'foo-dev',
      '4.3-2RC1',
      '1.2.3.#',
      '12345678901234567890123',
      '1.0-test1',
      '1.0+',
      '1.0.0 as 2.0.0',
      '1.0.0@dev',
      'dev-é',
      'dev-a b',
    ]) {
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
      scheme.compare('1', 'foo');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidVersionError);
    expect(caught).toMatchObject({ scheme: 'composer', version: 'foo' });
  });
});
