import { describe, expect, it } from 'vitest';
import { stdlibVersion } from './stdlib-version.js';

describe('stdlibVersion', () => {
  it.each([
    ['go1.19.8', 'v1.19.8'],
    ['go1.21.5 X:boringcrypto', 'v1.21.5'],
    ['go1.22.1 X:nocoverageredesign,loopvar', 'v1.22.1'],
    ['go1.20', 'v1.20.0'],
    ['go1', 'v1.0.0'],
    ['go1.21rc2', 'v1.21.0-rc.2'],
    ['go1.9beta1', 'v1.9.0-beta.1'],
    ['go1.9.2rc2', 'v1.9.2-rc.2'],
    ['go1.21.5-bigcorp', 'v1.21.5'],
    ['  go1.18.10\n', 'v1.18.10'],
  ])('reads %j as %s', (goVersion, expected) => {
    expect(stdlibVersion(goVersion)).toBe(expected);
  });

  it.each([
    'devel go1.22-abc123 Tue Jan 2 15:04:05 2024 +0000',
    'devel +b7a03b3 Sat Feb 1 00:00:00 2020',
    '1.21.5',
    'go',
    'gox1.2',
    '',
  ])('has no release version for %j', (goVersion) => {
    expect(stdlibVersion(goVersion)).toBeUndefined();
  });
});
