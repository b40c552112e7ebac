import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { parseDpkgVersion } from './parse.js';

describe('parseDpkgVersion', () => {
  it('cuts epoch, upstream version and revision', () => {
    expect(parseDpkgVersion('1:2.30-1ubuntu1.2')).toEqual({
      epoch: 1,
      upstream: '2.30',
      revision: '1ubuntu1.2',
    });
    expect(parseDpkgVersion('7.4.052')).toEqual({ epoch: 0, upstream: '7.4.052', revision: '' });
  });

  it('takes the revision after the last hyphen, so the upstream version may hold hyphens', () => {
    expect(parseDpkgVersion('1.2-beta-3')).toEqual({
      epoch: 0,
      upstream: '1.2-beta',
      revision: '3',
    });
  });

  it('ends the epoch at the first colon, so the upstream version may hold colons', () => {
    expect(parseDpkgVersion('2:1:3.0-1')).toEqual({ epoch: 2, upstream: '1:3.0', revision: '1' });
  });

  it('reads leading zeros in the epoch as a number', () => {
    expect(parseDpkgVersion('007:1').epoch).toBe(7);
  });

  it('accepts every character policy allows', () => {
    expect(parseDpkgVersion('1:1.0+dfsg~rc1-2+deb12u1~bpo.1').upstream).toBe('1.0+dfsg~rc1');
  });

  it.each([
    ['', 'empty'],
    ['A:1.2.3', 'the epoch is not an unsigned number'],
    ['-1:1.2.3', 'the epoch is not an unsigned number'],
    ['+1:1.2.3', 'the epoch is not an unsigned number'],
    [':1.2.3', 'the epoch before ":" is empty'],
    ['2147483648:1', 'the epoch is larger than dpkg allows'],
    ['1:', 'the upstream version is empty'],
    ['1:-1', 'the upstream version is empty'],
    ['-1', 'the upstream version is empty'],
    ['1.0-', 'the revision after the last "-" is empty'],
    ['a1.0', 'the upstream version does not start with a digit'],
    ['~1.0', 'the upstream version does not start with a digit'],
    ['1.0 1', 'the upstream version may not hold " "'],
    [' 1.0', 'the upstream version does not start with a digit'],
    ['1.0_1', 'the upstream version may not hold "_"'],
    ['1.0-1_2', 'the revision may not hold "_"'],
    ['1:1.0-1:2', 'the revision may not hold ":"'],
    ['1.0-é', 'the revision may not hold "é"'],
  ])('refuses %j: %s', (text, reason) => {
    expect(() => parseDpkgVersion(text)).toThrow(InvalidVersionError);
    expect(() => parseDpkgVersion(text)).toThrow(`(${reason})`);
  });

  it('names the scheme and the text in the error', () => {
    try {
      parseDpkgVersion('A:1');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidVersionError);
      expect(error).toMatchObject({ scheme: 'dpkg', version: 'A:1' });
    }
  });
});
