import { describe, expect, it } from 'vitest';
import { first, readHeaders } from './headers.js';

describe('core-metadata headers', () => {
  it('reads fields case-insensitively, keeps repeats in order, and stops at the blank line', () => {
    const headers = readHeaders(
      'Metadata-Version: 2.1\nName: demo\nclassifier: A\nClassifier: B\n\nName: body-not-header\n'
    );

    expect(first(headers, 'name')).toBe('demo');
    expect(headers.get('classifier')).toEqual(['A', 'B']);
    expect(headers.get('name')).toEqual(['demo']);
  });

  it('joins indented continuation lines to the field above', () => {
    const headers = readHeaders('License: line one\n        line two\n\tline three\nName: x\n');

    expect(headers.get('license')).toEqual(['line one\nline two\nline three']);
    expect(first(headers, 'name')).toBe('x');
  });

  it('reads CRLF line ends and a byte-order mark', () => {
    const headers = readHeaders('\uFEFFName: demo\r\nVersion: 1.0\r\n\r\nbody');

    expect(first(headers, 'name')).toBe('demo');
    expect(first(headers, 'version')).toBe('1.0');
  });

  it('ends the header at the first line that is not a field', () => {
    const headers = readHeaders('Name: demo\nthis is prose\nVersion: 1.0\n');

    expect(first(headers, 'name')).toBe('demo');
    expect(first(headers, 'version')).toBeUndefined();
  });

  it('treats an empty value as absent and ignores a continuation with no field before it', () => {
    const headers = readHeaders('  stray\nName:   \nVersion:1.0\n');

    expect(first(headers, 'name')).toBeUndefined();
    expect(first(headers, 'version')).toBe('1.0');
  });
});
