/**
 * A package installed by the OS package manager is reported once: real Debian python3-* and
 * ruby packages, registered in a dpkg database with the file lists dpkg writes, carry
 * dist-info, egg-info and gemspec files that the language analyzers also read. Those files
 * belong to the deb, whose Debian advisories cover it; only what no package installed (a
 * pip-installed wheel beside them) is a language package.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import { runCliWithStdout } from '../harness/cli.js';
import { debContents, debianDebs, type DebContents } from '../harness/debian-debs.js';
import { LayoutWriter, type TarEntry } from '../harness/oci-builder.js';
import { treeEntries } from '../harness/tree-entries.js';

const osRelease: TarEntry = { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' };
const pipWheel: TarEntry = {
  name: 'usr/local/lib/python3.11/dist-packages/attrs-23.1.0.dist-info/METADATA',
  content: 'Metadata-Version: 2.1\nName: attrs\nVersion: 23.1.0\n\n',
};

let work: string;
let debs: DebContents[];
/** The dist-info, egg-info and gemspec packages those debs carry. */
let languagePackages: number;
let inventory: Inventory;
let code: number;

/** What dpkg would have written after installing these packages. */
function dpkgDatabase(installed: readonly DebContents[]): TarEntry[] {
  const status = installed
    .map(({ control }) =>
      [
        `Package: ${control.Package}`,
        'Status: install ok installed',
        `Architecture: ${control.Architecture}`,
        ...(control.Source ? [`Source: ${control.Source}`] : []),
        `Version: ${control.Version}`,
        '',
      ].join('\n')
    )
    .join('\n');
  return [
    { name: 'var/lib/dpkg/status', content: status },
    ...installed.map(({ control, files }) => ({
      name: `var/lib/dpkg/info/${control.Package}.list`,
      content: `${files.join('\n')}\n`,
    })),
  ];
}

beforeAll(async () => {
  const unpacked = await debianDebs();
  debs = await Promise.all(unpacked.debs.map((deb) => debContents(deb)));
  languagePackages = unpacked.packages.length;
  work = mkdtempSync(join(tmpdir(), 'palisade-os-owned-'));
  const layout = new LayoutWriter(join(work, 'layout'));
  await layout.tag('owned', {
    layers: [
      { entries: [osRelease, ...dpkgDatabase(debs), ...treeEntries(unpacked.root)] },
      { entries: [pipWheel] },
    ],
  });
  const result = await runCliWithStdout([
    'scan',
    'image',
    `oci:${layout.dir}:owned`,
    '--no-cache',
    '--no-vulns',
    '-f',
    'json',
  ]);
  code = result.code;
  inventory = JSON.parse(result.stdout) as Inventory;
});

afterAll(() => {
  if (work) {
    rmSync(work, { recursive: true, force: true });
  }
});

describe('language files that an OS package installed', () => {
  it('lists every installed deb, and as the only language package the wheel pip put beside them', () => {
    const debNames = debs.map(({ control }) => control.Package).sort();

    expect(code).toBe(0);
    expect(debNames).toContain('python3-requests');
    expect(debNames).toContain('ruby-rack');
    expect(inventory.packages.filter((pkg) => pkg.type === 'deb').map((pkg) => pkg.name)).toEqual(
      debNames
    );
    expect(
      inventory.packages.filter((pkg) => pkg.type !== 'deb').map((pkg) => [pkg.purl, pkg.location])
    ).toEqual([['pkg:pypi/attrs@23.1.0', pipWheel.name]]);
  });

  it('says how many language packages it left to their OS packages', () => {
    expect(languagePackages).toBeGreaterThanOrEqual(8);
    expect(inventory.notes).toEqual([
      `${languagePackages} language package(s) found in files that OS packages installed are left to those OS packages, whose vendor advisories cover them`,
    ]);
  });
});
