import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { otherLocks, type RealLock } from '../../../../test/harness/npm-tree.js';
import { readPnpmLock } from './pnpm-lock.js';

const read = (text: string): ReturnType<typeof readPnpmLock> => readPnpmLock(Buffer.from(text));
const ids = (text: string): string[] =>
  (read(text).packages ?? []).map((pkg) => `${pkg.name}@${pkg.version}`).sort();

const version5 = `lockfileVersion: 5.4

specifiers:
  react-dom: 18.2.0
  typescript: 5.0.0

dependencies:
  react-dom: 18.2.0_react@18.2.0

devDependencies:
  typescript: 5.0.0

packages:

  /react-dom/18.2.0_react@18.2.0:
    resolution: {integrity: sha512-aaaa}
    peerDependencies:
      react: ^18.2.0
    dependencies:
      react: 18.2.0
    dev: false

  /react/18.2.0:
    resolution: {integrity: sha512-bbbb}
    dev: false

  /@babel/core/7.22.0_supports-color@5.5.0:
    resolution: {integrity: sha512-cccc}
    dev: false

  /@babel/core/7.22.0:
    resolution: {integrity: sha512-cccc}
    dev: false

  /typescript/5.0.0:
    resolution: {integrity: sha512-dddd}
    dev: true

  /both/1.10.0:
    resolution: {integrity: sha512-eeee}

  github.com/o/fork/0123abc:
    resolution: {tarball: https://codeload.github.com/o/fork/tar.gz/0123abc}
    name: fork
    version: 2.0.0
    dev: false

  file:packages/local:
    resolution: {directory: packages/local, type: directory}
    name: local
    version: 0.0.1
    dev: false

  registry.example.com/odd/1.0.0:
    resolution: {integrity: sha512-ffff}
    dev: false
`;

const version6 = `lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

dependencies:
  react-dom:
    specifier: 18.2.0
    version: 18.2.0(react@18.2.0)

packages:

  /react-dom@18.2.0(react@18.2.0):
    resolution: {integrity: sha512-aaaa}
    dependencies:
      react: 18.2.0
    dev: false

  /react@18.2.0:
    resolution: {integrity: sha512-bbbb}
    dev: false

  /@babel/core@7.22.0(supports-color@5.5.0)(other@1.0.0):
    resolution: {integrity: sha512-cccc}
    dev: false

  /typescript@5.0.0:
    resolution: {integrity: sha512-dddd}
    dev: true

  /both@1.10.0:
    resolution: {integrity: sha512-eeee}

  '@scope/tarball@https://example.com/t.tgz':
    resolution: {tarball: https://example.com/t.tgz}
    name: '@scope/tarball'
    version: 3.0.0
    dev: false

  /no-version:
    resolution: {integrity: sha512-ffff}

  /not-a-mapping@1.0.0: 1.0.0
`;

const version9 = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      react-dom:
        specifier: ^18.2.0
        version: 18.2.0(react@18.2.0)
      string-width-cjs:
        specifier: npm:string-width@^4.2.0
        version: string-width@4.2.3
      shared:
        specifier: workspace:*
        version: link:packages/shared
    optionalDependencies:
      fsevents:
        specifier: 2.3.3
        version: 2.3.3
    devDependencies:
      typescript:
        specifier: 5.0.0
        version: 5.0.0

  packages/shared:
    dependencies:
      '@scope/util':
        specifier: 1.0.0
        version: 1.0.0

packages:

  '@scope/util@1.0.0':
    resolution: {integrity: sha512-aaaa}

  dev-only@1.0.0:
    resolution: {integrity: sha512-bbbb}

  fsevents@2.3.3:
    resolution: {integrity: sha512-cccc}
    os: [darwin]

  loose-envify@1.4.0:
    resolution: {integrity: sha512-dddd}

  react-dom@18.2.0:
    resolution: {integrity: sha512-eeee}
    peerDependencies:
      react: ^18.2.0

  react@18.2.0:
    resolution: {integrity: sha512-ffff}

  shared-with-dev@1.0.0:
    resolution: {integrity: sha512-gggg}

  string-width@4.2.3:
    resolution: {integrity: sha512-hhhh}

  typescript@5.0.0:
    resolution: {integrity: sha512-iiii}

snapshots:

  '@scope/util@1.0.0': {}

  dev-only@1.0.0: {}

  fsevents@2.3.3:
    optional: true

  loose-envify@1.4.0: {}

  react-dom@18.2.0(react@18.2.0):
    dependencies:
      loose-envify: 1.4.0
      react: 18.2.0
      shared-with-dev: 1.0.0

  react@18.2.0:
    dependencies:
      loose-envify: 1.4.0

  shared-with-dev@1.0.0: {}

  string-width@4.2.3: {}

  typescript@5.0.0:
    dependencies:
      dev-only: 1.0.0
      shared-with-dev: 1.0.0
`;

describe('pnpm-lock.yaml', () => {
  it('reads lockfile 5 keys, stripping peer suffixes and leaving dev and local packages out', () => {
    expect(ids(version5)).toEqual([
      '@babel/core@7.22.0',
      'both@1.10.0',
      'fork@2.0.0',
      'react-dom@18.2.0',
      'react@18.2.0',
    ]);
    expect(read(version5).notes).toEqual([
      '1 entry left out (key names no package and version): registry.example.com/odd/1.0.0',
    ]);
    expect(read(version5).packages?.[0]).toEqual({
      type: 'npm',
      name: 'react-dom',
      version: '18.2.0',
      licenses: [],
    });
  });

  it('reads lockfile 6 keys, with peers in parentheses and names from the entry', () => {
    expect(ids(version6)).toEqual([
      '@babel/core@7.22.0',
      '@scope/tarball@3.0.0',
      'both@1.10.0',
      'react-dom@18.2.0',
      'react@18.2.0',
    ]);
    expect(read(version6).notes).toEqual([
      '1 entry left out (key names no package and version): /no-version',
      '1 entry left out (not a mapping): /not-a-mapping@1.0.0',
    ]);
  });

  it('reads lockfile 9, leaving out what only development dependencies reach', () => {
    expect(ids(version9)).toEqual([
      '@scope/util@1.0.0',
      'fsevents@2.3.3',
      'loose-envify@1.4.0',
      'react-dom@18.2.0',
      'react@18.2.0',
      'shared-with-dev@1.0.0',
      'string-width@4.2.3',
    ]);
  });

  it('keeps every lockfile 9 package when the file holds no graph to walk', () => {
    const packagesOnly = version9.replace(/^importers:[\s\S]*?^packages:/m, 'packages:');
    expect(ids(packagesOnly)).toContain('typescript@5.0.0');
    expect(ids(packagesOnly)).toHaveLength(9);
  });

  it('reads both documents pnpm 11 and later may write, the env lockfile first', () => {
    const env = `---
lockfileVersion: '9.0'

importers:

  .:
    configDependencies: {}
    packageManagerDependencies:
      pnpm:
        specifier: 11.0.3
        version: 11.0.3

packages:

  pnpm@11.0.3:
    resolution: {integrity: sha512-jjjj}

snapshots:

  pnpm@11.0.3: {}

`;
    expect(ids(`${env}---\n${version9}`)).toEqual(['pnpm@11.0.3', ...ids(version9)].sort());
  });

  it('keeps a lockfile 9 package that no importer reaches', () => {
    const orphan = version9
      .replace('snapshots:\n', 'snapshots:\n\n  orphan@1.0.0: {}\n')
      .replace(
        'packages:\n',
        'packages:\n\n  orphan@1.0.0:\n    resolution: {integrity: sha512-o}\n'
      );
    expect(ids(orphan)).toContain('orphan@1.0.0');
    expect(ids(orphan)).not.toContain('typescript@5.0.0');
  });

  it('reads a lock with no packages as no packages', () => {
    expect(read("lockfileVersion: '9.0'\nimporters:\n  .: {}\n")).toEqual({ packages: [] });
  });

  it('names what is wrong with a file it cannot read', () => {
    const problems: [string, RegExp][] = [
      ['packages: {}\n', /^pnpm-lock.yaml has no lockfileVersion$/],
      ["lockfileVersion: 'next'\n", /^pnpm-lock.yaml has no lockfileVersion$/],
      [
        '- lockfileVersion\n',
        /^not YAML as lock files are written: line 1 is not a mapping entry$/,
      ],
      ["lockfileVersion: '9.0'\npackages: [a, b]\n", /^packages is not an object$/],
      ["lockfileVersion: '9.0'\npackages: {\n", /^not YAML: /],
      ["lockfileVersion: '9.0'\nlockfileVersion: '6.0'\n", /^not YAML: Map keys must be unique/],
      [
        `lockfileVersion: '9.0'\nx: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
        /^not YAML: /,
      ],
      ["lockfileVersion: '9.0'\npackages: !!binary aGVsbG8=\n", /^not YAML: /],
    ];
    for (const [text, message] of problems) {
      expect(() => read(text), text.slice(0, 60)).toThrow(InputError);
      expect(() => read(text), text.slice(0, 60)).toThrow(message);
    }
  });
});

describe('pnpm-lock.yaml written by pnpm', () => {
  let locks: RealLock[];
  beforeAll(async () => {
    locks = (await otherLocks()).filter((lock) => lock.name === 'pnpm-lock.yaml');
  });

  it('lists what pnpm itself lists for production, in lockfile 5.4, 6.0 and 9.0', () => {
    expect(locks.map((lock) => lock.tool)).toEqual([
      'pnpm 7.33.7 (lockfile 5.4)',
      'pnpm 8.15.9 (lockfile 6.0)',
      'pnpm 9.15.9 (lockfile 9.0)',
    ]);
    for (const lock of locks) {
      const result = readPnpmLock(readFileSync(lock.file));
      const found = (result.packages ?? []).map((pkg) => `${pkg.name}@${pkg.version}`).sort();
      expect(found, lock.tool).toEqual(lock.expected);
      expect(result.notes, lock.tool).toBeUndefined();
    }
  });
});
