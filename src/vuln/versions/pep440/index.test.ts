import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { orderAssertions } from '../../../../test/harness/version-order.js';
import { scheme } from './index.js';

const { expectAscending, expectEqual } = orderAssertions(scheme);

describe('pep440 scheme', () => {
  it('names itself and the PyPI ecosystem', () => {
    expect(scheme.id).toBe('pep440');
    expect(scheme.ecosystems).toEqual(['PyPI']);
  });

  it('orders releases numerically, trailing zeros aside', () => {
    expectAscending(['0.9', '1', '1.0.1', '1.1', '1.10', '2', '12345678901234567890']);
    expectEqual('1', '1.0.0');
    expectEqual('1.01', '1.1');
    expectEqual('0', '0.0');
  });

  it('puts the epoch first', () => {
    expectAscending(['2024.1', '1!0.1', '1!1.0', '2!0']);
    expectEqual('0!1.0', '1.0');
  });

  it('orders the whole PEP 440 sequence of one release', () => {
    expectAscending([
      '1.0.dev0',
      '1.0.dev1',
      '1.0a0.dev0',
      '1.0a0',
      '1.0a1',
      '1.0b0',
      '1.0rc0',
      '1.0rc1.post1',
      '1.0',
      '1.0.post0.dev0',
      '1.0.post0',
      '1.0.post1',
      '1.0.1.dev0',
    ]);
  });

  it('normalizes spellings and separators', () => {
    expectEqual('1.0alpha1', '1.0a1');
    expectEqual('1.0-beta_2', '1.0b2');
    expectEqual('1.0c1', '1.0rc1');
    expectEqual('1.0pre1', '1.0rc1');
    expectEqual('1.0.preview.1', '1.0rc1');
    expectEqual('1.0-rev1', '1.0.post1');
    expectEqual('1.0r1', '1.0.post1');
    expectEqual('1.0-1', '1.0.post1');
    expectEqual('1.0_DEV_3', '1.0.dev3');
    expectEqual('1.0RC1', '1.0rc1');
  });

  it('reads a missing number as 0', () => {
    expectEqual('1.0a', '1.0a0');
    expectEqual('1.0.post', '1.0.post0');
    expectEqual('1.0.dev', '1.0.dev0');
    expectEqual('1.0-r', '1.0.post0');
  });

  it('allows a leading v and white space around', () => {
    expectEqual('v1.2', '1.2');
    expectEqual('V1.2', '1.2');
    expectEqual(' \t1.2\n', '1.2');
  });

  it('orders local versions after the public one, part by part', () => {
    expectAscending([
      '1.0',
      '1.0+abc',
      '1.0+abc.5',
      '1.0+abd',
      '1.0+0',
      '1.0+1',
      '1.0+1.a',
      '1.0+1.0',
      '1.0+2',
      '1.0+10',
      '1.0.post0',
    ]);
    expectEqual('1.0+Ubuntu-1', '1.0+ubuntu.1');
    expectEqual('1.0+01', '1.0+1');
  });

  it('orders legacy (non-PEP 440) versions before every PEP 440 one, as setuptools did', () => {
    expectAscending(['0.1-bulbasaur', '0.1-charmander', '0.9-doduo', '0.0.0.dev0', '1.0']);
    expectAscending(['2.0.1rc2-git', '0.1']);
    expectAscending(['trunk', '0']);
    expectAscending(['0.3m1', '0.3m2', '0.4m1']);
  });

  it('orders legacy versions by setuptools rules: pre-releases, dev and -final', () => {
    expectAscending(['1.0dev-x', '1.0a-x', '1.0c-x', '1.0-x', '1.0.1-x', '1.0.1p-x']);
    expectEqual('1.0pre-x', '1.0rc-x');
    expectEqual('1.0.0-x', '1.0-x');
    expectEqual('1.0preview-x', '1.0c-x');
  });

  it('accepts PEP 440 and legacy versions', () => {
    for (const version of ['1', '1!2.3a4.post5.dev6+local.7', ' 1.0 ', 'foo', '-class.-x-pre']) {
      expect(scheme.isValid(version), JSON.stringify(version)).toBe(true);
    }
  });

  it('refuses what is neither PEP 440 nor a legacy version', () => {
    for (const version of ['', '   ', '1.0 beta', '...', '-_-', '1.0+é', 'β1', '1.0\u0000']) {
      expect(scheme.isValid(version), JSON.stringify(version)).toBe(false);
      expect(() => scheme.compare(version, '1'), JSON.stringify(version)).toThrow(
        InvalidVersionError
      );
      expect(() => scheme.compare('1', version), JSON.stringify(version)).toThrow(
        InvalidVersionError
      );
    }
  });

  it('reads malformed PEP 440 as legacy, not as a nearby PEP 440 version', () => {
    // Each is invalid PEP 440 (empty local part, dev before post, two epochs), so legacy.
    expectAscending(['1.0+', '0']);
    expectAscending(['1.0.dev1.post1', '0']);
    expectAscending(['1!2!3', '0']);
  });

  it('names the scheme and the version in its error', () => {
    let caught: unknown;
    try {
      scheme.compare('1', '');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidVersionError);
    expect(caught).toMatchObject({ scheme: 'pep440', version: '' });
  });
});
