import { describe, expect, it } from 'vitest';
import { webUrl } from './web-url.js';

describe('webUrl', () => {
  it('keeps http and https URLs as they are', () => {
    const url = 'https://security-tracker.debian.org/tracker/CVE-2024-2961';
    expect(webUrl(url)).toBe(url);
    expect(webUrl('http://www.openwall.com/lists/oss-security/2024/04/17/9')).toBe(
      'http://www.openwall.com/lists/oss-security/2024/04/17/9'
    );
  });

  it('escapes what a URL escapes, and refuses what it cannot make safe', () => {
    expect(webUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(webUrl('https://example.com/a|b')).toBeUndefined();
    expect(webUrl('ftp://example.com/file')).toBeUndefined();
    expect(webUrl('javascript:alert(1)')).toBeUndefined();
    expect(webUrl('www.example.com')).toBeUndefined();
    expect(webUrl('')).toBeUndefined();
  });
});
