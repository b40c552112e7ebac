import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { scheme } from './index.js';

describe('rpm scheme', () => {
  it('is the rpm scheme for the rpm-based distributions OSV lists', () => {
    expect(scheme.id).toBe('rpm');
    expect(scheme.ecosystems).toContain('Red Hat');
    expect(scheme.ecosystems).toContain('Amazon Linux');
    expect(scheme.description).not.toBe('');
  });

  it('says which versions are well formed, without throwing', () => {
    for (const good of ['1', '1:3.0.7-27.el9', '1.0~rc1^git1', 'a:1', '1-']) {
      expect(scheme.isValid(good), good).toBe(true);
    }
    for (const bad of ['', ':1', '1:', '-1', '1 2']) {
      expect(scheme.isValid(bad), bad).toBe(false);
    }
  });

  it('throws InvalidVersionError when either side is malformed', () => {
    expect(() => scheme.compare('', '1.0')).toThrow(InvalidVersionError);
    expect(() => scheme.compare('2:1.0', '1:')).toThrow(InvalidVersionError);
  });
});
