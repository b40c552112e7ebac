import { describe, expect, it } from 'vitest';
import { packageVersion } from './package-version.js';

describe('packageVersion', () => {
  it('puts a non-zero rpm epoch in front', () => {
    expect(packageVersion({ type: 'rpm', version: '3.0.7-27.el9', epoch: 1 })).toBe(
      '1:3.0.7-27.el9'
    );
  });

  it('leaves a zero or missing rpm epoch out, as rpm itself does', () => {
    expect(packageVersion({ type: 'rpm', version: '1.0-1', epoch: 0 })).toBe('1.0-1');
    expect(packageVersion({ type: 'rpm', version: '1.0-1' })).toBe('1.0-1');
  });

  it('keeps dpkg and apk versions as they are', () => {
    expect(packageVersion({ type: 'deb', version: '1:2.38.1-5' })).toBe('1:2.38.1-5');
    expect(packageVersion({ type: 'apk', version: '1.36.1-r29' })).toBe('1.36.1-r29');
  });
});
