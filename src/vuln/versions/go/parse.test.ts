import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { parseGoVersion } from './parse.js';

describe('parseGoVersion', () => {
  it.each([
    ['v1.2.3', ['1', '2', '3'], []],
    ['1.2.3', ['1', '2', '3'], []],
    ['v1.2', ['1', '2', '0'], []],
    ['v1', ['1', '0', '0'], []],
    ['0', ['0', '0', '0'], []],
    ['v2.0.0+incompatible', ['2', '0', '0'], []],
    ['v1.2.3-rc.1', ['1', '2', '3'], ['rc', '1']],
    ['1.21.0-0', ['1', '21', '0'], ['0']],
    ['v0.0.0-20191109021931-daa7c04131f5', ['0', '0', '0'], ['20191109021931-daa7c04131f5']],
    ['v1.2.4-0.20191109021931-daa7c04131f5', ['1', '2', '4'], ['0', '20191109021931-daa7c04131f5']],
    [
      'v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible',
      ['1', '2', '3'],
      ['pre', '0', '20191109021931-daa7c04131f5'],
    ],
    ['go1.21.5', ['1', '21', '5'], []],
    ['go1.20', ['1', '20', '0'], []],
    ['go1', ['1', '0', '0'], []],
    ['go1.22rc1', ['1', '22', '0'], ['rc', '1']],
    ['go1.9beta2', ['1', '9', '0'], ['beta', '2']],
    ['go1.9.2rc2', ['1', '9', '2'], ['rc', '2']],
    ['1.22rc1', ['1', '22', '0'], ['rc', '1']],
  ])('reads %s', (text, core, prerelease) => {
    expect(parseGoVersion(text)).toEqual({ core, prerelease });
  });

  it.each([
    ['', 'the major version is not a number'],
    ['(devel)', 'the major version is not a number'],
    ['devel', 'the major version is not a number'],
    ['go', 'the major version is not a number'],
    ['v', 'the major version is not a number'],
    ['V1.2.3', 'the major version is not a number'],
    ['gov1.2.3', 'the major version is not a number'],
    ['v01.2.3', 'the major version has a leading zero'],
    ['v1.02.3', 'the minor version has a leading zero'],
    ['v1.2.03', 'the patch version has a leading zero'],
    ['v1.', 'the minor version is not a number'],
    ['v1.2.3.4', 'unexpected "."'],
    ['v1.2-pre', 'a shortened version cannot carry a pre-release or build'],
    ['v1+build', 'a shortened version cannot carry a pre-release or build'],
    ['v1.2.3-01', 'a numeric pre-release identifier has a leading zero'],
    ['v1.2.3-', 'an empty or malformed pre-release identifier'],
    ['v1.22rc1', 'unexpected "r"'],
    ['go1.22rc', 'the rc number is not a number'],
    ['go1.22rc01', 'the rc number has a leading zero'],
    ['go1.22alpha1', 'unexpected "a"'],
    ['go1.21.0-rc.1', 'unexpected "-"'],
    ['go1.21.5 X:boringcrypto', 'unexpected " "'],
    ['go1.22rc1.1', 'unexpected "."'],
    ['1.2.3.4', 'unexpected "."'],
  ])('refuses %j: %s', (text, reason) => {
    expect(() => parseGoVersion(text)).toThrow(InvalidVersionError);
    expect(() => parseGoVersion(text)).toThrow(`(${reason})`);
  });

  it('names the go scheme in the error', () => {
    const read = (): unknown => parseGoVersion('(devel)');
    expect(read).toThrow(InvalidVersionError);
    try {
      read();
    } catch (error) {
      expect(error).toMatchObject({ scheme: 'go', version: '(devel)' });
    }
  });
});
