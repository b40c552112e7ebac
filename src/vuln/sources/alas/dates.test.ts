import { describe, expect, it } from 'vitest';
import { isoDate } from './dates.js';

describe('isoDate', () => {
  it.each([
    ['2023-01-05 18:11', '2023-01-05T18:11:00Z'],
    ['2023-01-05 18:11:42', '2023-01-05T18:11:42Z'],
    ['2023-01-05T18:11:42Z', '2023-01-05T18:11:42Z'],
    [' 2024-02-29 ', '2024-02-29T00:00:00Z'],
    ['1672942260', '2023-01-05T18:11:00Z'],
  ])('reads %j', (text, expected) => {
    expect(isoDate(text)).toBe(expected);
  });

  it.each(['', '2023-02-29', '2023-13-01 00:00', '2023-01-05 24:00', '0099-01-01', 'yesterday'])(
    'refuses %j',
    (text) => {
      expect(isoDate(text)).toBeUndefined();
    }
  );
});
