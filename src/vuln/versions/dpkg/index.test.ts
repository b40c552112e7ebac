import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { scheme } from './index.js';

describe('dpkg scheme', () => {
  it('is the dpkg scheme for Debian and Ubuntu', () => {
    expect(scheme.id).toBe('dpkg');
    expect(scheme.ecosystems).toEqual(['Debian', 'Ubuntu']);
    expect(scheme.description).not.toBe('');
  });

  it('says which versions are well formed, without throwing', () => {
    for (const good of ['0', '1:2.30-1ubuntu1.2', '2.7.4+reloaded2-13+deb9u1', '1.0~rc1']) {
      expect(scheme.isValid(good), good).toBe(true);
    }
    for (const bad of ['', 'A:1.2.3', '-1:1.2.3', 'abc', '1.0-', '1 0']) {
      expect(scheme.isValid(bad), bad).toBe(false);
    }
  });

  it('throws InvalidVersionError when either side is malformed', () => {
    expect(() => scheme.compare('A:1.2.3', '1.0')).toThrow(InvalidVersionError);
    expect(() => scheme.compare('1.0', '-1:1.2.3')).toThrow(InvalidVersionError);
    expect(() => scheme.compare('', '')).toThrow(InvalidVersionError);
  });

  it('checks both sides even when the epochs already decide', () => {
    expect(() => scheme.compare('2:1.0', '1:x')).toThrow(InvalidVersionError);
  });
});
