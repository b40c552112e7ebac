import { describe, expect, it } from 'vitest';
import type { OsInfo } from '../core/os.js';
import { chooseOs, osFromDistro } from './os-choice.js';

describe('osFromDistro', () => {
  it('splits the id from the version at the last hyphen before a digit', () => {
    expect(osFromDistro('debian-12')).toMatchObject({ id: 'debian', versionId: '12' });
    expect(osFromDistro('alpine-3.20.3')).toMatchObject({ id: 'alpine', versionId: '3.20.3' });
    expect(osFromDistro('opensuse-leap-15.5')).toMatchObject({
      id: 'opensuse-leap',
      versionId: '15.5',
    });
    expect(osFromDistro('ubuntu-22.04')).toMatchObject({ id: 'ubuntu', versionId: '22.04' });
  });

  it('gives nothing for a codename, which names no release', () => {
    expect(osFromDistro('bookworm')).toBeUndefined();
    expect(osFromDistro('-12')).toBeUndefined();
    expect(osFromDistro('')).toBeUndefined();
  });
});

describe('chooseOs', () => {
  const declared: OsInfo = {
    id: 'debian',
    idLike: [],
    distroless: true,
    source: 'CycloneDX operating-system component',
  };

  it('prefers the OS the SBOM declares, filling in a missing version from its packages', () => {
    expect(chooseOs({ ...declared, versionId: '11' }, ['debian-12']).os?.versionId).toBe('11');
    expect(chooseOs(declared, ['debian-12', 'debian-12']).os).toEqual({
      ...declared,
      versionId: '12',
    });
    expect(chooseOs(declared, ['ubuntu-22.04']).os).toEqual(declared);
  });

  it('takes the distribution most packages name, and says so', () => {
    const choice = chooseOs(undefined, ['alpine-3.20.3', 'debian-12', 'debian-12']);
    expect(choice.os).toMatchObject({ id: 'debian', versionId: '12' });
    expect(choice.notes).toEqual([
      'the SBOM names no operating system and its packages name several distributions (debian-12 2, alpine-3.20.3 1); debian-12, named by most, was taken',
    ]);
  });

  it('breaks a tie by name, not by document order', () => {
    expect(chooseOs(undefined, ['rhel-9', 'debian-12']).os?.id).toBe('debian');
    expect(chooseOs(undefined, ['debian-12', 'rhel-9']).os?.id).toBe('debian');
  });

  it('gives nothing when nothing names a release', () => {
    expect(chooseOs(undefined, [])).toEqual({ notes: [] });
    expect(chooseOs(undefined, ['bookworm'])).toEqual({ notes: [] });
  });
});
