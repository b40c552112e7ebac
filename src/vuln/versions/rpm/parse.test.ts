import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { parseRpmVersion } from './parse.js';

describe('parseRpmVersion', () => {
  it('cuts epoch, version and release', () => {
    expect(parseRpmVersion('1:3.0.7-27.el9')).toEqual({
      epoch: '1',
      version: '3.0.7',
      release: '27.el9',
    });
  });

  it('gives a missing epoch as 0 and a missing release as undefined', () => {
    expect(parseRpmVersion('3.0.7')).toEqual({ epoch: '0', version: '3.0.7', release: undefined });
  });

  it('keeps an empty release apart from a missing one', () => {
    expect(parseRpmVersion('1-').release).toBe('');
  });

  it('takes the release after the last hyphen', () => {
    expect(parseRpmVersion('1.2.3-3-el7_5')).toEqual({
      epoch: '0',
      version: '1.2.3-3',
      release: 'el7_5',
    });
  });

  it('reads an epoch only from digits at the very start', () => {
    expect(parseRpmVersion('a:1')).toEqual({ epoch: '0', version: 'a:1', release: undefined });
    expect(parseRpmVersion('0+2-n:1')).toEqual({ epoch: '0', version: '0+2', release: 'n:1' });
    expect(parseRpmVersion('01:2')).toEqual({ epoch: '01', version: '2', release: undefined });
  });

  it('accepts characters rpm only skips', () => {
    expect(parseRpmVersion('1.1.α').version).toBe('1.1.α');
    expect(parseRpmVersion('+').version).toBe('+');
  });

  it.each([
    ['', 'empty'],
    [':1.0', 'the epoch before ":" is empty'],
    ['1:', 'the version is empty'],
    ['1:-1', 'the version is empty'],
    ['-1', 'the version is empty'],
    ['1.0 -1', 'whitespace or a control character'],
    ['1.0\t', 'whitespace or a control character'],
    ['1.0\u007f', 'whitespace or a control character'],
  ])('refuses %j: %s', (text, reason) => {
    expect(() => parseRpmVersion(text)).toThrow(InvalidVersionError);
    expect(() => parseRpmVersion(text)).toThrow(`(${reason})`);
  });
});
