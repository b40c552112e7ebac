import { describe, expect, it } from 'vitest';
import { parsePurl, parsePurlPattern, purlMatches } from './purl-pattern.js';

const installed = parsePurl('pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12')!;

function matches(pattern: string): boolean {
  const parsed = parsePurlPattern(pattern);
  if ('error' in parsed) {
    throw new Error(parsed.error);
  }
  return purlMatches(parsed, installed);
}

describe('purlMatches', () => {
  it('matches every version when the pattern has none', () => {
    expect(matches('pkg:deb/debian/openssl')).toBe(true);
  });

  it('compares type, namespace and name', () => {
    expect(matches('pkg:deb/ubuntu/openssl')).toBe(false);
    expect(matches('pkg:rpm/debian/openssl')).toBe(false);
    expect(matches('pkg:deb/debian/openssl-dev')).toBe(false);
    expect(matches('pkg:deb/openssl')).toBe(false);
  });

  it('follows the type normalisation of packageurl-js', () => {
    expect(matches('pkg:DEB/debian/OpenSSL')).toBe(true);
  });

  it('matches a stated version only exactly', () => {
    expect(matches('pkg:deb/debian/openssl@3.0.11-1~deb12u2')).toBe(true);
    expect(matches('pkg:deb/debian/openssl@3.0.11-1~deb12u1')).toBe(false);
    expect(matches('pkg:deb/debian/openssl@3.0.11')).toBe(false);
  });

  it('matches stated qualifiers only, each exactly', () => {
    expect(matches('pkg:deb/debian/openssl?arch=amd64')).toBe(true);
    expect(matches('pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12')).toBe(true);
    expect(matches('pkg:deb/debian/openssl?arch=arm64')).toBe(false);
    expect(matches('pkg:deb/debian/openssl?arch=amd64&upstream=openssl')).toBe(false);
  });
});

describe('parsePurlPattern', () => {
  it('keeps the text for messages', () => {
    expect(parsePurlPattern(' pkg:deb/debian/openssl ')).toMatchObject({
      text: 'pkg:deb/debian/openssl',
      type: 'deb',
      namespace: 'debian',
      name: 'openssl',
    });
  });

  it('says what is wrong with text that is not a purl', () => {
    expect(parsePurlPattern('openssl')).toEqual({
      error: 'is not a package URL (it must start with pkg:)',
    });
    expect(parsePurlPattern('pkg:')).toEqual({ error: 'is not a valid package URL' });
  });
});
