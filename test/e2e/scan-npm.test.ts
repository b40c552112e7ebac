import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import type { Package } from '../../src/core/package.js';
import { runCli } from '../harness/cli.js';
import { npmTree, type NpmTree } from '../harness/npm-tree.js';
import { LayoutWriter, type TarEntry } from '../harness/oci-builder.js';

let work: string;
let tree: NpmTree;
let inventory: Inventory;
let scanned: { code: number; stderr: string };

/** The package URL the purl spec gives an npm package: a scope's `@` is percent-encoded. */
const purlOf = (id: string): string => `pkg:npm/${id.replace(/^@/, '%40')}`;

beforeAll(async () => {
  tree = await npmTree();
  work = mkdtempSync(join(tmpdir(), 'palisade-npm-e2e-'));
  // The real project under app/: its manifest, lock file and every file npm installed.
  const entries: TarEntry[] = tree.files.map((file) => ({
    name: `app/${file}`,
    content: readFileSync(join(tree.project, file)),
  }));
  entries.push({ name: 'app/node_modules/broken/package.json', content: '{"name": "broken",' });
  const layout = new LayoutWriter(join(work, 'layout'));
  await layout.tag('npm', { layers: [{ entries }] });
  const output = join(work, 'inventory.json');
  scanned = await runCli([
    'scan',
    'image',
    '--no-vulns',
    `oci:${layout.dir}:npm`,
    '--format',
    'json',
    '--output',
    output,
    '--no-cache',
  ]);
  inventory = JSON.parse(readFileSync(output, 'utf8')) as Inventory;
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const npmPackages = (): Package[] => inventory.packages.filter((pkg) => pkg.type === 'npm');

describe('an image holding a real npm project', () => {
  it('scans to the end, exit code 0, despite the broken package.json', () => {
    expect(scanned.stderr).toBe('');
    expect(scanned.code).toBe(0);
  });

  it('lists every installed package at its package.json, and the lock’s production packages', () => {
    const expected = [
      ...[...tree.locations].map(([folder, id]) => `${id} app/${folder}/package.json`),
      ...(tree.locks[0]?.expected ?? []).map((id) => `${id} app/package-lock.json`),
    ].sort();
    const found = npmPackages()
      .map((pkg) => `${pkg.name}@${pkg.version} ${pkg.location}`)
      .sort();

    expect(tree.locks[0]?.tool).toBe('npm (lockfile 3)');
    expect(found).toEqual(expected);
  });

  it('gives each package its npm package URL', () => {
    for (const pkg of npmPackages()) {
      expect(pkg.purl, pkg.location).toBe(purlOf(`${pkg.name}@${pkg.version}`));
    }
    expect(npmPackages()).toContainEqual(
      expect.objectContaining({
        type: 'npm',
        name: '@babel/code-frame',
        version: '7.22.13',
        purl: 'pkg:npm/%40babel/code-frame@7.22.13',
        location: 'app/node_modules/@babel/code-frame/package.json',
        licenses: ['MIT'],
      })
    );
    expect(npmPackages()).toContainEqual(
      expect.objectContaining({
        name: 'ms',
        version: '2.0.0',
        purl: 'pkg:npm/ms@2.0.0',
        location: 'app/node_modules/send/node_modules/debug/node_modules/ms/package.json',
      })
    );
  });

  it('reports the broken package.json as a note naming its path', () => {
    const notes = inventory.notes.filter((note) => note.includes('node_modules/broken/'));

    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^app\/node_modules\/broken\/package\.json: .*not JSON/);
    expect(npmPackages().some((pkg) => pkg.name === 'broken')).toBe(false);
  });
});
