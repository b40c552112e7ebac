import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.js';

describe('parseInstant', () => {
  it('reads a date as its first instant in UTC', () => {
    expect(parseInstant('2025-01-31')).toBe(Date.UTC(2025, 0, 31));
  });

  it('reads RFC 3339 date-times with Z or an offset', () => {
    expect(parseInstant('2025-01-31T12:30:00Z')).toBe(Date.UTC(2025, 0, 31, 12, 30));
    expect(parseInstant('2025-01-31T12:30:00+02:00')).toBe(Date.UTC(2025, 0, 31, 10, 30));
    expect(parseInstant('2023-01-08T18:02:03.647787998-06:00')).toBe(
      Date.UTC(2023, 0, 9, 0, 2, 3, 647)
    );
  });

  it.each([
    '2025-02-30',
    '2025-13-01',
    '2025-1-31',
    '2025-01-31T12:30:00',
    '2025-01-31T24:00:00Z',
    '2025-01-31 12:30:00Z',
    '31/01/2025',
    'tomorrow',
    '',
  ])('refuses %j', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});
