import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { orderAssertions } from '../../../../test/harness/version-order.js';
import { scheme } from './index.js';

const { expectAscending, expectEqual } = orderAssertions(scheme);

describe('nuget scheme', () => {
  it('names itself and the NuGet ecosystem', () => {
    expect(scheme.id).toBe('nuget');
    expect(scheme.ecosystems).toEqual(['NuGet']);
  });

  it('orders up to four numbers, missing ones being 0', () => {
    expectAscending(['0.9', '1', '1.0.0.1', '1.0.1', '1.1', '1.10', '2', '2147483647']);
    expectEqual('1', '1.0');
    expectEqual('1.0', '1.0.0.0');
    expectEqual('1.0.01', '1.0.1.0');
  });

  it('orders pre-releases before their release, as SemVer 2.0 does', () => {
    expectAscending([
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.0.1-alpha',
      '1.0.0.1',
    ]);
  });

  it('compares labels ignoring case, numbers below words', () => {
    expectEqual('1.0.0-BETA.X', '1.0.0-beta.x');
    expectAscending(['1.0.0-2', '1.0.0-10', '1.0.0-a']);
    expectAscending(['1.0.0-beta-1', '1.0.0-beta-2', '1.0.0-beta1']);
  });

  it('reads labels as numbers the way .NET does: signed, within 32 bits', () => {
    expectAscending(['1.0.0--1', '1.0.0-0']);
    // Past 32 bits a label is a word: above every number, and ordered as text.
    expectAscending(['1.0.0-2', '1.0.0-99999999999', '1.0.0-a']);
  });

  it('ignores build metadata', () => {
    expectEqual('1.0.0+a', '1.0.0+b');
    expectEqual('1.0.0-rc.1+build.5', '1.0.0-RC.1');
    expectAscending(['1.0.0-beta+zzz', '1.0.0+aaa']);
  });

  it('trims white space, as NuGet does, also around each number', () => {
    expectEqual(' 1.0.0 ', '1.0.0');
    expectEqual('1. 2', '1.2');
  });

  it('accepts NuGet versions', () => {
    for (const version of ['1', '1.2.3.4', '1.0.0-0', '1.0.0-beta-2', '1.0.0+001', '1.0.0+a-b']) {
      expect(scheme.isValid(version), version).toBe(true);
    }
  });

  it('refuses what NuGet refuses, and the empty version', () => {
    for (const version of [
      '',
      ' ',
      'a',
      'v1.0',
      '1.2.3.4.5',
      '1.',
      '-1.0',
      '2147483648.0',
      '1.0-',
      '1.0+',
      '1.0.0-beta..1',
      '1.0.0-be_ta',
      '1.0.0-01',
      '1.0.0+meta..x',
      '1.0.0-é',
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
      scheme.compare('1', '1.0.0-01');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidVersionError);
    expect(caught).toMatchObject({ scheme: 'nuget', version: '1.0.0-01' });
  });
});
