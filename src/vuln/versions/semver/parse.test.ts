import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { parseSemver } from './parse.js';

describe('parseSemver', () => {
  it('reads core, pre-release and build, dropping the build', () => {
    expect(parseSemver('1.2.3-rc.1+build.5')).toEqual({
      core: ['1', '2', '3'],
      prerelease: ['rc', '1'],
    });
    expect(parseSemver('1.2.3')).toEqual({ core: ['1', '2', '3'], prerelease: [] });
  });

  it('allows a leading v', () => {
    expect(parseSemver('v1.2.3-0')).toEqual({ core: ['1', '2', '3'], prerelease: ['0'] });
  });

  it('allows fewer or more than three numbers in the core', () => {
    expect(parseSemver('0').core).toEqual(['0']);
    expect(parseSemver('1.2').core).toEqual(['1', '2']);
    expect(parseSemver('1.1.3.4.5').core).toEqual(['1', '1', '3', '4', '5']);
  });

  it('keeps hyphens inside identifiers and lets build identifiers have leading zeros', () => {
    expect(parseSemver('1.2.3-5-foo.x-y+001.a-b').prerelease).toEqual(['5-foo', 'x-y']);
    expect(parseSemver('1.2.3-0a.00a').prerelease).toEqual(['0a', '00a']);
  });

  it.each([
    ['', 'the major version is not a number'],
    ['v', 'the major version is not a number'],
    ['V1.2.3', 'the major version is not a number'],
    ['=1.2.3', 'the major version is not a number'],
    ['.1', 'the major version is not a number'],
    ['1.', 'a version component is not a number'],
    ['1..2', 'a version component is not a number'],
    ['1.2.x', 'a version component is not a number'],
    ['01.2.3', 'the major version has a leading zero'],
    ['1.02.3', 'a version component has a leading zero'],
    ['1.2.3-', 'an empty or malformed pre-release identifier'],
    ['1.2.3-a..b', 'an empty or malformed pre-release identifier'],
    ['1.2.3-a.', 'an empty or malformed pre-release identifier'],
    ['1.2.3-01', 'a numeric pre-release identifier has a leading zero'],
    ['1.2.3-a.00', 'a numeric pre-release identifier has a leading zero'],
    ['1.2.3+', 'an empty or malformed build identifier'],
    ['1.2.3+a..b', 'an empty or malformed build identifier'],
    ['1.2.3-a_b', 'unexpected "_"'],
    ['1.2.3-é', 'an empty or malformed pre-release identifier'],
    ['1.2.3 ', 'unexpected " "'],
    ['1.2.3a', 'unexpected "a"'],
    ['1.2.3+a+b', 'unexpected "+"'],
  ])('refuses %j: %s', (text, reason) => {
    expect(() => parseSemver(text)).toThrow(InvalidVersionError);
    expect(() => parseSemver(text)).toThrow(`(${reason})`);
  });

  it('names the semver scheme in the error', () => {
    const read = (): unknown => parseSemver('x');
    expect(read).toThrow(InvalidVersionError);
    try {
      read();
    } catch (error) {
      expect(error).toMatchObject({ scheme: 'semver', version: 'x' });
    }
  });
});
