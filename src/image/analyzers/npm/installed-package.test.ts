import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { npmTree, type NpmTree } from '../../../../test/harness/npm-tree.js';
import { maxManifestSize, readInstalledPackage } from './installed-package.js';
import { fileKind } from './paths.js';

const read = (manifest: unknown): ReturnType<typeof readInstalledPackage> =>
  readInstalledPackage(Buffer.from(JSON.stringify(manifest)));

const licensesOf = (manifest: object): string[] | undefined =>
  read({ name: 'x', version: '1.0.0', ...manifest }).packages?.[0]?.licenses;

describe('installed package.json', () => {
  it('reads the name, version and licence', () => {
    expect(read({ name: '@babel/code-frame', version: '7.22.13', license: 'MIT' })).toEqual({
      packages: [{ type: 'npm', name: '@babel/code-frame', version: '7.22.13', licenses: ['MIT'] }],
    });
  });

  it('reads licences in every shape npm has known', () => {
    expect(licensesOf({ license: '(MIT OR Apache-2.0)' })).toEqual(['(MIT OR Apache-2.0)']);
    expect(licensesOf({ license: { type: 'BSD-3-Clause', url: 'https://x' } })).toEqual([
      'BSD-3-Clause',
    ]);
    expect(licensesOf({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toEqual([
      'MIT',
      'Apache-2.0',
    ]);
    expect(licensesOf({ licenses: ['MIT', 'MIT', 'GPL-2.0'] })).toEqual(['MIT', 'GPL-2.0']);
    expect(licensesOf({ license: 'SEE LICENSE IN LICENSE.md' })).toEqual([
      'SEE LICENSE IN LICENSE.md',
    ]);
    // `license` is the current field and wins over the legacy array.
    expect(licensesOf({ license: 'ISC', licenses: [{ type: 'MIT' }] })).toEqual(['ISC']);
    expect(licensesOf({})).toEqual([]);
  });

  it('leaves out licence values it cannot read, keeping the package', () => {
    expect(licensesOf({ license: 42 })).toEqual([]);
    expect(licensesOf({ license: { url: 'https://x' } })).toEqual([]);
    expect(licensesOf({ license: '   ' })).toEqual([]);
    expect(licensesOf({ license: 'MIT\u001b[31m' })).toEqual([]);
    expect(licensesOf({ licenses: [null, { type: 7 }, 'MIT'] })).toEqual(['MIT']);
    expect(licensesOf({ licenses: Array.from({ length: 100 }, (_, i) => `L${i}`) })).toHaveLength(
      16
    );
  });

  it('trims the version and drops a byte-order mark', () => {
    const content = Buffer.from(`\uFEFF${JSON.stringify({ name: 'x', version: ' 1.0.0 ' })}`);
    expect(readInstalledPackage(content).packages?.[0]?.version).toBe('1.0.0');
  });

  it('skips a stub with neither name nor version', () => {
    expect(read({ type: 'module' })).toEqual({ packages: [] });
    expect(read({})).toEqual({ packages: [] });
  });

  it('names what is wrong with a malformed package.json', () => {
    const problems: [string | Buffer, RegExp][] = [
      ['{"name": "x",', /^not JSON: .* at position 13/],
      ['{"name": ', /^not JSON: Unexpected end of JSON input$/],
      ['not json', /^not JSON: Unexpected token 'o'$/],
      ['[1, 2]', /is not a JSON object/],
      ['"x"', /is not a JSON object/],
      ['null', /is not a JSON object/],
      [JSON.stringify({ name: 'x' }), /package.json of x has no version/],
      [JSON.stringify({ version: '1.0.0' }), /has a version but no name/],
      [JSON.stringify({ name: 'x', version: 1 }), /version that is not a version string/],
      [JSON.stringify({ name: 'x', version: '' }), /version that is not a version string/],
      [JSON.stringify({ name: 'x', version: 'git+https://h/r.git' }), /not a version string/],
      [JSON.stringify({ name: ['x'], version: '1.0.0' }), /name is not an npm package name/],
      [JSON.stringify({ name: 'two words', version: '1.0.0' }), /not an npm package name/],
      [JSON.stringify({ name: '@scope', version: '1.0.0' }), /not an npm package name/],
      [JSON.stringify({ name: 'a@b', version: '1.0.0' }), /not an npm package name/],
    ];
    for (const [content, message] of problems) {
      const attempt = (): unknown => readInstalledPackage(Buffer.from(content));
      expect(attempt, String(content)).toThrow(InputError);
      expect(attempt, String(content)).toThrow(message);
    }
  });

  it('never quotes the document in a JSON error, since it may hold a credential', () => {
    const content = '{"name": "x", "resolved": x"https://user:s3cret@registry.example/x.tgz"}';
    expect(() => readInstalledPackage(Buffer.from(content))).toThrow(
      /^not JSON: Unexpected token 'x'$/
    );
  });

  it('refuses a manifest over 1 MiB, and reads deep nesting elsewhere in it', () => {
    const big = Buffer.from(
      JSON.stringify({ name: 'x', version: '1.0.0', pad: 'x'.repeat(maxManifestSize) })
    );
    expect(() => readInstalledPackage(big)).toThrow(/more than the 1048576 read/);
    const nested = `{"name":"x","version":"1.0.0","deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(readInstalledPackage(Buffer.from(nested)).packages).toHaveLength(1);
  });
});

describe('installed package.json in a real npm tree', () => {
  let tree: NpmTree;
  beforeAll(async () => {
    tree = await npmTree();
  });

  it('finds exactly the packages npm ls lists, each at the folder npm says', () => {
    const found = new Map<string, string>();
    for (const path of tree.files.filter((file) => fileKind(file) === 'installed')) {
      const { packages = [] } = readInstalledPackage(readFileSync(join(tree.project, path)));
      expect(packages, path).toHaveLength(1);
      found.set(dirname(path), `${packages[0]?.name}@${packages[0]?.version}`);
    }

    expect(found).toEqual(tree.locations);
    expect([...new Set(found.values())].sort()).toEqual(tree.installed);
  });

  it('passes over the package.json files inside packages that are not their root', () => {
    const nested = tree.files.filter(
      (file) => file.endsWith('/package.json') && fileKind(file) === undefined
    );

    expect(nested).toEqual(
      expect.arrayContaining([
        'node_modules/@babel/runtime/helpers/esm/package.json',
        'node_modules/tslib/modules/package.json',
      ])
    );
  });
});
