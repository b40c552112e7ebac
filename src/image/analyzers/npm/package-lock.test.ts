import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { npmTree, type RealLock } from '../../../../test/harness/npm-tree.js';
import { maxNesting, readPackageLock } from './package-lock.js';

const read = (lock: unknown): ReturnType<typeof readPackageLock> =>
  readPackageLock(Buffer.from(JSON.stringify(lock)));

const ids = (lock: unknown): string[] =>
  (read(lock).packages ?? []).map((pkg) => `${pkg.name}@${pkg.version}`).sort();

describe('package-lock.json version 1', () => {
  const lock = {
    name: 'app',
    version: '1.0.0',
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      '@babel/code-frame': { version: '7.22.13', requires: { chalk: '^2.4.2' } },
      express: {
        version: '4.17.1',
        dependencies: {
          debug: { version: '2.6.9', dependencies: { ms: { version: '2.0.0' } } },
          ms: { version: '2.0.0' },
        },
      },
      ms: { version: '2.1.2' },
      jest: {
        version: '29.0.0',
        dev: true,
        dependencies: { chalk: { version: '4.1.2', dev: true } },
      },
      fsevents: { version: '2.3.3', optional: true },
      'my-lodash': { version: 'npm:lodash@4.17.21' },
      'my-babel': { version: 'npm:@babel/core@7.23.0' },
      local: { version: 'file:../local' },
      fork: { version: 'git+https://github.com/o/fork.git#0123abc', from: 'github:o/fork' },
    },
  };

  it('walks the nested tree, once per name@version, leaving development packages out', () => {
    expect(ids(lock)).toEqual([
      '@babel/code-frame@7.22.13',
      '@babel/core@7.23.0',
      'debug@2.6.9',
      'express@4.17.1',
      'fsevents@2.3.3',
      'lodash@4.17.21',
      'ms@2.0.0',
      'ms@2.1.2',
    ]);
    expect(read(lock).packages?.[0]).toEqual({
      type: 'npm',
      name: '@babel/code-frame',
      version: '7.22.13',
      licenses: [],
    });
  });

  it('notes the entries whose version names a source rather than a release', () => {
    expect(read(lock).notes).toEqual([
      '2 entries left out (version is not a registry release): local, fork',
    ]);
  });

  it('reads an old shrinkwrap without a lockfileVersion', () => {
    expect(ids({ name: 'app', dependencies: { a: { version: '1.0.0', from: 'a@^1' } } })).toEqual([
      'a@1.0.0',
    ]);
  });

  it('refuses nesting deeper than npm could install', () => {
    let deps: Record<string, unknown> = { leaf: { version: '1.0.0' } };
    for (let depth = 0; depth < maxNesting; depth++) {
      deps = { [`p${depth}`]: { version: '1.0.0', dependencies: deps } };
    }
    expect(() => read({ lockfileVersion: 1, dependencies: deps })).toThrow(
      'dependencies nest deeper than 256 levels'
    );
  });

  it('keeps the good entries and notes the bad ones', () => {
    const result = read({
      lockfileVersion: 1,
      dependencies: {
        good: { version: '1.0.0', dependencies: 'oops' },
        bad: 'oops',
        none: {},
        'Not A Name': { version: '1.0.0' },
      },
    });

    expect(result.packages?.map((pkg) => pkg.name)).toEqual(['good']);
    expect(result.notes).toEqual([
      '1 entry left out (its dependencies are not an object): good',
      '1 entry left out (not an object): bad',
      '1 entry left out (no name and version): none',
      '1 entry left out (name is not an npm package name): Not A Name',
    ]);
  });
});

describe('package-lock.json versions 2 and 3', () => {
  const lock = {
    name: 'app',
    lockfileVersion: 3,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { express: '^4' } },
      'node_modules/express': { version: '4.17.1', license: 'MIT' },
      'node_modules/express/node_modules/debug': { version: '2.6.9', license: 'MIT' },
      'node_modules/send/node_modules/debug': { version: '2.6.9' },
      'node_modules/@babel/code-frame': { version: '7.22.13', license: { type: 'MIT' } },
      'node_modules/semver': { version: '7.5.1', dev: true },
      'node_modules/esbuild-linux': { version: '0.19.0', devOptional: true, optional: true },
      'node_modules/string-width-cjs': { name: 'string-width', version: '4.2.3' },
      'node_modules/shared': { resolved: 'packages/shared', link: true },
      'packages/shared': { name: 'shared', version: '0.0.1' },
      'packages/shared/node_modules/left-pad': { version: '1.3.0' },
      'node_modules/from-git': {
        version: '2.0.0',
        resolved: 'git+ssh://git@github.com/o/r.git#ab',
      },
    },
    dependencies: { ignored: { version: '9.9.9' } },
  };

  it('reads the packages map, preferring it over the legacy dependencies tree', () => {
    expect(ids(lock)).toEqual([
      '@babel/code-frame@7.22.13',
      'debug@2.6.9',
      'esbuild-linux@0.19.0',
      'express@4.17.1',
      'from-git@2.0.0',
      'left-pad@1.3.0',
      'string-width@4.2.3',
    ]);
    expect(read(lock).notes).toBeUndefined();
  });

  it('keeps the licence npm copied into each entry', () => {
    const licenses = Object.fromEntries(
      (read(lock).packages ?? []).map((pkg) => [pkg.name, pkg.licenses])
    );
    expect(licenses['express']).toEqual(['MIT']);
    expect(licenses['@babel/code-frame']).toEqual(['MIT']);
    expect(licenses['left-pad']).toEqual([]);
  });

  it('notes entries it cannot read and keeps the rest', () => {
    const result = read({
      lockfileVersion: 2,
      packages: {
        'node_modules/a': { version: '1.0.0' },
        'node_modules/b': [],
        'node_modules/c': { resolved: 'https://r/c.tgz' },
        'node_modules/d': { version: 'file:../d' },
      },
    });

    expect(result.packages?.map((pkg) => pkg.name)).toEqual(['a']);
    expect(result.notes).toHaveLength(3);
    expect(result.notes?.[0]).toBe('1 entry left out (not an object): node_modules/b');
  });

  it('counts beyond the five entries a note names', () => {
    const packages = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`node_modules/p${i}`, { version: `git://h/p${i}` }])
    );
    expect(read({ lockfileVersion: 3, packages }).notes).toEqual([
      '8 entries left out (version is not a registry release): node_modules/p0, node_modules/p1, node_modules/p2, node_modules/p3, node_modules/p4, and 3 more',
    ]);
  });
});

describe('package-lock.json that cannot be read', () => {
  it('names the problem', () => {
    const problems: [string, RegExp][] = [
      ['{"lockfileVersion": 3, ', /^not JSON: /],
      ['[]', /^lock file is not a JSON object$/],
      ['{"lockfileVersion": 3, "packages": []}', /^packages is not an object$/],
      ['{"lockfileVersion": 1, "dependencies": "x"}', /^dependencies is not an object$/],
    ];
    for (const [content, message] of problems) {
      const attempt = (): unknown => readPackageLock(Buffer.from(content));
      expect(attempt, content).toThrow(InputError);
      expect(attempt, content).toThrow(message);
    }
  });

  it('reads a lock with no dependencies as no packages', () => {
    expect(read({ name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' } } })).toEqual({
      packages: [],
    });
  });
});

describe('package-lock.json written by npm', () => {
  let locks: RealLock[];
  beforeAll(async () => {
    locks = (await npmTree()).locks;
  });

  it('lists what npm installs in production, in each lockfile version', () => {
    expect(locks.map((lock) => lock.tool)).toEqual([
      'npm (lockfile 3)',
      'npm (lockfile 1)',
      'npm (lockfile 2)',
    ]);
    for (const lock of locks) {
      const result = readPackageLock(readFileSync(lock.file));
      const found = (result.packages ?? []).map((pkg) => `${pkg.name}@${pkg.version}`).sort();
      expect(found, lock.tool).toEqual(lock.expected);
      expect(result.notes, lock.tool).toBeUndefined();
    }
  });
});
