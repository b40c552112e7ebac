import { describe, expect, it } from 'vitest';
import { InvalidVersionError } from '../../version/types.js';
import { scheme } from './index.js';

describe('semver scheme', () => {
  it('claims only ecosystems that version with SemVer', () => {
    expect(scheme.id).toBe('semver');
    expect(scheme.ecosystems).toEqual(['npm', 'crates.io', 'Hex', 'SwiftURL', 'Bitnami']);
    expect(scheme.ecosystems).not.toContain('Pub');
    expect(scheme.ecosystems).not.toContain('Go');
    expect(scheme.description).not.toBe('');
  });

  it('says which versions are well formed, without throwing', () => {
    for (const good of ['0', '1.2.3', 'v1.2.3-rc.1+b', '1.1.3.4.5']) {
      expect(scheme.isValid(good), good).toBe(true);
    }
    for (const bad of ['', 'latest', '1.2.3-01', '^1.2.3', '1.2.3 - 2.0.0', '*']) {
      expect(scheme.isValid(bad), bad).toBe(false);
    }
  });

  it('throws InvalidVersionError when either side is malformed', () => {
    expect(() => scheme.compare('1.2.3', '1.2.x')).toThrow(InvalidVersionError);
    expect(() => scheme.compare('~1.2', '1.0.0')).toThrow(InvalidVersionError);
  });
});
