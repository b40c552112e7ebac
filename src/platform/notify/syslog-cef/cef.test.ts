import { describe, expect, it } from 'vitest';
import { escapeExtension, escapeHeader } from './cef.js';
import { octetCounted } from './rfc5424.js';

describe('CEF escaping', () => {
  it('escapes backslashes and pipes in the header, and keeps it on one line', () => {
    expect(escapeHeader('a|b\\c\r\nd')).toBe('a\\|b\\\\c d');
  });

  it('escapes backslashes, equals signs and line breaks in extension values', () => {
    expect(escapeExtension('a=b\\c\nd\r\ne\rf|g\u0000h')).toBe('a\\=b\\\\c\\nd\\ne\\rf|g h');
  });

  it('counts octets, not characters', () => {
    expect(octetCounted('é').toString('utf8')).toBe('2 é');
  });
});
