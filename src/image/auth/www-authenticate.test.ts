import { describe, expect, it } from 'vitest';
import { TokenCache } from './token-cache.js';
import { parseTokenResponse } from './token-response.js';
import { parseWwwAuthenticate } from './www-authenticate.js';

describe('parseWwwAuthenticate', () => {
  it('reads a Docker Hub bearer challenge', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"'
      )
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/alpine:pull',
        },
      },
    ]);
  });

  it('reads several challenges, spaces, escapes and unquoted values', () => {
    expect(
      parseWwwAuthenticate([
        'Basic realm="Registry \\"Realm\\"", charset=UTF-8 , Bearer Realm = "https://x/t" ,error=insufficient_scope',
        'Negotiate',
      ])
    ).toEqual([
      { scheme: 'basic', params: { realm: 'Registry "Realm"', charset: 'UTF-8' } },
      { scheme: 'bearer', params: { realm: 'https://x/t', error: 'insufficient_scope' } },
      { scheme: 'negotiate', params: {} },
    ]);
  });

  it('survives junk', () => {
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(parseWwwAuthenticate('=,,"x')).toEqual([{ scheme: 'x', params: {} }]);
    expect(parseWwwAuthenticate('Bearer realm="unterminated')).toEqual([
      { scheme: 'bearer', params: { realm: 'unterminated' } },
    ]);
  });
});

describe('token responses and their cache', () => {
  it('reads token or access_token with its lifetime, 60 s by default', () => {
    expect(parseTokenResponse(Buffer.from('{"token":"a","expires_in":300}'), 1000, 't')).toEqual({
      token: 'a',
      expiresAt: 301_000,
    });
    expect(parseTokenResponse(Buffer.from('{"access_token":"b","token":"a"}'), 0, 't')).toEqual({
      token: 'b',
      expiresAt: 60_000,
    });
    expect(() => parseTokenResponse(Buffer.from('{"expires_in":1}'), 0, 'token response')).toThrow(
      /token response is malformed/
    );
    expect(() => parseTokenResponse(Buffer.from('<html>'), 0, 'token response')).toThrow(
      /not valid JSON/
    );
  });

  it('keeps tokens per host and scope until shortly before they expire', () => {
    let now = 0;
    const cache = new TokenCache(() => now);
    cache.set('r', 'repository:a:pull', { token: 'ta', expiresAt: 60_000 });
    expect(cache.get('r', 'repository:a:pull')).toBe('ta');
    expect(cache.get('r', 'repository:b:pull')).toBeUndefined();
    expect(cache.get('other', 'repository:a:pull')).toBeUndefined();
    now = 49_000;
    expect(cache.get('r', 'repository:a:pull')).toBe('ta');
    now = 50_000;
    expect(cache.get('r', 'repository:a:pull')).toBeUndefined();
    cache.set('r', 's', { token: 't', expiresAt: 1e12 });
    cache.delete('r', 's');
    expect(cache.get('r', 's')).toBeUndefined();
  });
});
