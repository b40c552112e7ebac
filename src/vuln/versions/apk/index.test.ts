import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { scheme } from './index.js';

describe('apk scheme', () => {
  it('is the apk scheme for Alpine and the distributions built like it', () => {
    expect(scheme.id).toBe('apk');
    expect(scheme.ecosystems).toContain('Alpine');
    expect(scheme.ecosystems).toContain('Wolfi');
    expect(scheme.description).not.toBe('');
  });

  it('says which versions are well formed, without throwing', () => {
    for (const good of ['1', '1.2.3-r4', '6.6.2p1-r0', '1.0_rc1_p2~c0ffee-r1', '1-r']) {
      expect(scheme.isValid(good), good).toBe(true);
    }
    for (const bad of ['', 'a', '.1', '1.2_blah', '1-ruff', '1.2.0A', '1.0-r0-1']) {
      expect(scheme.isValid(bad), bad).toBe(false);
    }
  });

  it('throws InvalidVersionError for a malformed side, even when the first number decides', () => {
    expect(() => scheme.compare('1.2_blah', '1.2')).toThrow(InvalidVersionError);
    expect(() => scheme.compare('23_foo', '4_beta')).toThrow(InvalidVersionError);
    expect(() => scheme.compare('4_beta', '23_foo')).toThrow(InvalidVersionError);
    expect(() => scheme.compare('c', 'c')).toThrow(InvalidVersionError);
  });
});
