import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { parseCpuMillicores } from './quantity.js';

describe('parseCpuMillicores', () => {
  it.each([
    ['2', 2000],
    ['96', 96_000],
    ['3500m', 3500],
    ['0.5', 500],
    ['.25', 250],
    ['0.1', 100],
    ['+4', 4000],
    ['1.', 1000],
    ['1e3', 1_000_000],
    ['1E3', 1_000_000],
    ['15e-1', 1500],
    ['2k', 2_000_000],
    ['1Ki', 1_024_000],
    ['250000u', 250],
    ['1n', 1],
    ['0.0001', 1],
    ['1500001n', 2],
    ['0', 0],
  ])('%s is %d millicores', (text, millis) => {
    expect(parseCpuMillicores(text)).toBe(millis);
  });

  it.each([
    ['', 'expected a number'],
    ['-2', 'negative'],
    ['two', 'expected a number'],
    ['2 ', 'expected a number'],
    ['2cores', 'expected a number'],
    ['1.2.3', 'expected a number'],
    ['2mi', 'expected a number'],
    ['1E', 'more than a million'],
    ['2000000', 'more than a million'],
    ['1e300', 'more than a million'],
  ])('%j is refused: %s', (text, why) => {
    expect(() => parseCpuMillicores(text)).toThrow(InputError);
    expect(() => parseCpuMillicores(text)).toThrow(why);
  });

  it('quotes at most 32 characters of what it refuses', () => {
    expect(() => parseCpuMillicores(`x${'9'.repeat(100)}`)).toThrow(/^"x9{31}" is not/);
  });
});
