import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { scheme } from './index.js';

describe('go scheme', () => {
  it('is the go scheme for the Go ecosystem', () => {
    expect(scheme.id).toBe('go');
    expect(scheme.ecosystems).toEqual(['Go']);
    expect(scheme.description).not.toBe('');
  });

  it('says which versions are well formed, without throwing', () => {
    for (const good of ['v1.2.3', '1.2.3', 'go1.21.5', 'v2.0.0+incompatible', '0']) {
      expect(scheme.isValid(good), good).toBe(true);
    }
    for (const bad of ['', '(devel)', 'latest', 'v1.2.3.4', 'go1.21.5 X:boringcrypto']) {
      expect(scheme.isValid(bad), bad).toBe(false);
    }
  });

  it('throws InvalidVersionError for (devel), which has no place in any order', () => {
    expect(() => scheme.compare('(devel)', 'v1.0.0')).toThrow(InvalidVersionError);
    expect(() => scheme.compare('v1.0.0', '(devel)')).toThrow(InvalidVersionError);
  });
});
