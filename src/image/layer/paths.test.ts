import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { normaliseEntryPath, splitPath } from './paths.js';

describe('normaliseEntryPath', () => {
  it.each([
    ['etc/os-release', 'etc/os-release'],
    ['./etc/os-release', 'etc/os-release'],
    ['/etc/os-release', 'etc/os-release'],
    ['usr//lib/./os-release', 'usr/lib/os-release'],
    ['var/lib/dpkg/', 'var/lib/dpkg'],
    ['a/b/../c', 'a/c'],
  ])('turns %j into %j', (name, expected) => {
    expect(normaliseEntryPath(name, 'layer 1', 4096)).toBe(expected);
  });

  it.each(['./', '.', '/'])('treats %j as the root', (name) => {
    expect(normaliseEntryPath(name, 'layer 1', 4096)).toBeUndefined();
  });

  it.each(['../etc/passwd', 'a/../../etc/passwd', '/../x', './..'])(
    'refuses %j, which climbs out of the root',
    (name) => {
      expect(() => normaliseEntryPath(name, 'layer 1', 4096)).toThrow(InputError);
      expect(() => normaliseEntryPath(name, 'layer 1', 4096)).toThrow(
        /layer 1: entry .* escapes the image root/
      );
    }
  );

  it('refuses names over the length cap and names with NUL bytes', () => {
    expect(() => normaliseEntryPath('a'.repeat(20), 'layer 1', 10)).toThrow(/longer than 10 bytes/);
    expect(() => normaliseEntryPath('a\0b', 'layer 1', 4096)).toThrow(/NUL byte/);
  });
});

describe('splitPath', () => {
  it('splits a path into its folder and name', () => {
    expect(splitPath('var/lib/dpkg/status')).toEqual({ dir: 'var/lib/dpkg', base: 'status' });
    expect(splitPath('.wh.etc')).toEqual({ dir: '', base: '.wh.etc' });
  });
});
