import { describe, expect, it } from 'vitest';
import { samplePackages } from '../testing/sample-inventory.js';
import { groupByPurl } from './unique-packages.js';

describe('groupByPurl', () => {
  it('keeps inventory order and one group per purl', () => {
    const libc = samplePackages[2]!;
    const twin = { ...libc, location: 'var/lib/dpkg/status.d/libc6' };
    const groups = groupByPurl([...samplePackages, twin]);
    expect(groups.map((group) => group.first.name)).toEqual(samplePackages.map((pkg) => pkg.name));
    const libcGroup = groups.find((group) => group.first.name === 'libc6');
    expect(libcGroup?.first).toBe(libc);
    expect(libcGroup?.all).toEqual([libc, twin]);
  });
});
