/**
 * Python packages end to end: the files real Debian bookworm python3-* packages install, put
 * in an image with no dpkg database (so nothing claims them and they count as language
 * packages), scanned through the CLI; then matched against the real PyPA advisories in
 * ../shared/data, read from there.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import { runCli, runCliWithStdout } from '../harness/cli.js';
import { debianDebs, type DebLanguagePackage } from '../harness/debian-debs.js';
import { LayoutWriter, type TarEntry } from '../harness/oci-builder.js';
import { treeEntries } from '../harness/tree-entries.js';

/** A snapshot of github.com/pypa/advisory-database, beside the repository, not inside it. */
const pypa = fileURLToPath(new URL('../../../shared/data/advisories/pypa-osv', import.meta.url));
const sharedDataAvailable = existsSync(pypa);

const sitePackages = 'usr/lib/python3/dist-packages';
const osRelease: TarEntry = {
  name: 'etc/os-release',
  content: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n',
};
/** A wheel's METADATA as pip leaves it, for the release that fixed CVE-2023-32681. */
const fixedRequests: TarEntry = {
  name: 'opt/venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA',
  content:
    'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nSummary: Python HTTP for Humans.\n' +
    'License: Apache 2.0\nRequires-Python: >=3.7\n\n# Requests\n',
};

let work: string;
let layout: LayoutWriter;
let expected: DebLanguagePackage[];

interface Scan {
  code: number;
  stderr: string;
  inventory: Inventory;
}

async function scan(tag: string, args: readonly string[]): Promise<Scan> {
  const reference = `oci:${layout.dir}:${tag}`;
  const result = await runCliWithStdout([
    'scan',
    'image',
    reference,
    '--no-cache',
    '-f',
    'json',
    ...args,
  ]);
  if (result.stdout === '') {
    throw new Error(`no report (exit ${result.code}): ${result.stderr}`);
  }
  return { ...result, inventory: JSON.parse(result.stdout) as Inventory };
}

beforeAll(async () => {
  const debs = await debianDebs();
  expected = debs.packages.filter((pkg) => pkg.type === 'pypi');
  work = mkdtempSync(join(tmpdir(), 'palisade-python-'));
  layout = new LayoutWriter(join(work, 'layout'));
  await layout.tag('debian-python', {
    layers: [{ entries: [osRelease, ...treeEntries(debs.root, sitePackages)] }],
  });
  await layout.tag('requests-fixed', { layers: [{ entries: [osRelease, fixedRequests] }] });
});

afterAll(() => {
  if (work) {
    rmSync(work, { recursive: true, force: true });
  }
});

describe('Python packages from real Debian python3-* files, outside any dpkg database', () => {
  let result: Scan;

  beforeAll(async () => {
    result = await scan('debian-python', ['--no-vulns']);
  });

  it('relies on packages of both kinds: egg-info directories and dist-info wheels', () => {
    expect(expected.map((pkg) => pkg.name).sort()).toEqual([
      'certifi',
      'chardet',
      'charset-normalizer',
      'idna',
      'requests',
      'six',
      'urllib3',
    ]);
    expect(expected.some((pkg) => pkg.location.endsWith('.dist-info/METADATA'))).toBe(true);
    expect(expected.some((pkg) => pkg.location.endsWith('.egg-info/PKG-INFO'))).toBe(true);
  });

  it('lists every one with the name, version, purl and location Debian’s packaging gives', () => {
    const listed = result.inventory.packages.map((pkg) => ({
      type: pkg.type,
      name: pkg.name,
      version: pkg.version,
      purl: pkg.purl,
      location: pkg.location,
    }));

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.inventory.notes).toEqual([]);
    expect(listed.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      expected
        .map((pkg) => ({
          type: 'pypi',
          name: pkg.name,
          version: pkg.version,
          purl: `pkg:pypi/${pkg.name}@${pkg.version}`,
          location: pkg.location,
        }))
        .sort((a, b) => a.name.localeCompare(b.name))
    );
  });

  it('names requests 2.28.1 by its PyPI purl, with the licence its metadata declares', () => {
    const requests = result.inventory.packages.find((pkg) => pkg.name === 'requests');

    expect(requests).toMatchObject({
      purl: 'pkg:pypi/requests@2.28.1',
      location: `${sitePackages}/requests-2.28.1.egg-info/PKG-INFO`,
      licenses: ['Apache 2.0'],
      layer: { index: 0 },
    });
  });

  it('normalises a dist-info name written with an underscore', () => {
    const normalizer = result.inventory.packages.find((pkg) => pkg.name === 'charset-normalizer');

    expect(normalizer?.location).toMatch(/\/charset_normalizer-[^/]+\.dist-info\/METADATA$/);
  });
});

describe.skipIf(!sharedDataAvailable)(
  'Python packages against the real PyPA advisories (read from ../shared/data/advisories/pypa-osv, absent elsewhere)',
  () => {
    let db: string;

    beforeAll(async () => {
      db = join(work, 'pypa.db');
      const update = await runCli(['db', 'update', '--source', `osv=${pypa}`, '--db', db]);
      if (update.code !== 0) {
        throw new Error(`palisade db update failed (${update.code}): ${update.stderr}`);
      }
    });

    it('reports PYSEC-2023-74 (CVE-2023-32681) for requests 2.28.1, fixed in 2.31.0', async () => {
      const result = await scan('debian-python', ['--db', db]);
      const findings = result.inventory.vulnerabilities?.findings ?? [];
      const finding = findings.find((item) => item.advisories.includes('PYSEC-2023-74'));

      expect(result.code).toBe(0);
      expect(finding).toMatchObject({
        id: 'CVE-2023-32681',
        installedVersion: '2.28.1',
        fixedVersion: '2.31.0',
        status: 'fixed',
        package: {
          type: 'pypi',
          name: 'requests',
          purl: 'pkg:pypi/requests@2.28.1',
          location: `${sitePackages}/requests-2.28.1.egg-info/PKG-INFO`,
        },
      });
      expect(finding?.aliases).toContain('GHSA-j8r2-6x86-q33q');
      expect(result.inventory.vulnerabilities?.unknowns).toEqual([]);
    });

    it('does not report it for requests 2.31.0 from a wheel in a virtual environment', async () => {
      const result = await scan('requests-fixed', ['--db', db]);
      const advisories = (result.inventory.vulnerabilities?.findings ?? []).flatMap(
        (finding) => finding.advisories
      );

      expect(result.code).toBe(0);
      expect(result.inventory.packages.map((pkg) => [pkg.purl, pkg.location])).toEqual([
        ['pkg:pypi/requests@2.31.0', fixedRequests.name],
      ]);
      expect(advisories).not.toContain('PYSEC-2023-74');
    });
  }
);
