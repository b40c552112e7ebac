import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { parseTrivyIgnore } from './trivy-ignore.js';

describe('parseTrivyIgnore', () => {
  it('reads ids, exp: dates and comments, with a reason naming the file', () => {
    const list = parseTrivyIgnore(
      [
        '# Accepted until the base image moves',
        'CVE-2023-1234',
        '',
        '  CVE-2024-0001   exp:2025-01-31  ',
        'GHSA-aaaa-bbbb-cccc # no fix upstream',
        'CVE-2024-0002 exp:2025-01-31T12:00:00Z',
      ].join('\r\n'),
      'ci/.trivyignore'
    );
    expect(list).toEqual({
      source: 'ci/.trivyignore',
      entries: [
        { entry: 1, line: 2, id: 'CVE-2023-1234', reason: 'listed in ci/.trivyignore' },
        {
          entry: 2,
          line: 4,
          id: 'CVE-2024-0001',
          expires: { text: '2025-01-31', at: Date.UTC(2025, 0, 31) },
          reason: 'listed in ci/.trivyignore',
        },
        { entry: 3, line: 5, id: 'GHSA-aaaa-bbbb-cccc', reason: 'listed in ci/.trivyignore' },
        {
          entry: 4,
          line: 6,
          id: 'CVE-2024-0002',
          expires: { text: '2025-01-31T12:00:00Z', at: Date.UTC(2025, 0, 31, 12) },
          reason: 'listed in ci/.trivyignore',
        },
      ],
    });
  });

  it('reads an empty file as no entries', () => {
    expect(parseTrivyIgnore('\n# nothing\n', '.trivyignore').entries).toEqual([]);
  });

  it('refuses a bad exp: date, naming the line', () => {
    expect(() => parseTrivyIgnore('CVE-1\nCVE-2 exp:2025-02-30\n', '.trivyignore')).toThrow(
      new InputError(
        '.trivyignore: line 2: exp must be a date (2025-01-31) or a date-time with its offset ' +
          '(2025-01-31T12:00:00Z)'
      )
    );
  });

  it('refuses other words, so a misspelt expiry cannot make an entry permanent', () => {
    expect(() => parseTrivyIgnore('CVE-1 expires:2025-01-31\n', '.trivyignore')).toThrow(
      '.trivyignore: line 1: expected an id and at most one exp:DATE, found "expires:2025-01-31"'
    );
    expect(() => parseTrivyIgnore('CVE-1 exp:2025-01-31 exp:2026-01-31\n', '.trivyignore')).toThrow(
      /line 1: expected an id and at most one exp:DATE/
    );
  });
});
