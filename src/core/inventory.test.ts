import { describe, expect, it } from 'vitest';
import { comparePackages } from './inventory.js';
import type { Package } from './package.js';

function pkg(fields: Partial<Package>): Package {
  return {
    type: 'deb',
    name: 'a',
    version: '1',
    licenses: [],
    purl: `pkg:deb/debian/${fields.name ?? 'a'}`,
    location: 'var/lib/dpkg/status',
    ...fields,
  };
}

describe('comparePackages', () => {
  it('orders by type, name, version, then architecture', () => {
    const packages = [
      pkg({ type: 'rpm', name: 'a' }),
      pkg({ name: 'b', version: '2' }),
      pkg({ name: 'b', version: '1', arch: 'i386' }),
      pkg({ name: 'b', version: '1', arch: 'amd64' }),
      pkg({ type: 'apk', name: 'z' }),
      pkg({ name: 'B' }),
    ];
    const sorted = [...packages].sort(comparePackages);
    expect(sorted.map((p) => `${p.type}/${p.name}/${p.version}/${p.arch ?? ''}`)).toEqual([
      'apk/z/1/',
      'deb/B/1/',
      'deb/b/1/amd64',
      'deb/b/1/i386',
      'deb/b/2/',
      'rpm/a/1/',
    ]);
  });

  it('is a total order: records that differ only in location still get a fixed place', () => {
    const first = pkg({ location: 'var/lib/dpkg/status' });
    const second = pkg({ location: 'var/lib/dpkg/status.d/a' });
    expect(comparePackages(first, second)).toBeLessThan(0);
    expect(comparePackages(second, first)).toBeGreaterThan(0);
    expect(comparePackages(first, { ...first })).toBe(0);
  });
});
