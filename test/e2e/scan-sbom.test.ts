/**
 * `palisade scan sbom` end to end: an SBOM written by `scan image --no-vulns` from a small
 * synthetic image is matched later against an advisory database, as a stored image is
 * reassessed when the database changes, with no image in reach.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/core/inventory.js';
import type { OsvRecord } from '../../src/vuln/osv/schema.js';
import { buildFromRecords, fixedIn, recordItem } from '../harness/advisory-db.js';
import { runCli, runCliWithStdout } from '../harness/cli.js';
import { LayoutWriter } from '../harness/oci-builder.js';

let work: string;
let db: string;
let layout: LayoutWriter;

/**
 * bsdutils carries its own epoch: its binary version is `1:2.38.1-5+deb12u1`, its source's
 * `2.38.1-5+deb12u1`. Debian's advisories name the source version, so the util-linux finding
 * below is found only if the SBOM carries the source version through.
 */
const dpkgStatus = [
  'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u4\n',
  'Package: bsdutils\nStatus: install ok installed\nArchitecture: amd64\nSource: util-linux (2.38.1-5+deb12u1)\nVersion: 1:2.38.1-5+deb12u1\n',
  'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n',
].join('\n');

const apkInstalled = [
  'P:musl\nV:1.2.5-r0\nA:x86_64\no:musl\nL:MIT\n',
  'P:busybox\nV:1.36.1-r29\nA:x86_64\no:busybox\nL:GPL-2.0-only\n',
  'P:ssl_client\nV:1.36.1-r29\nA:x86_64\no:busybox\nL:GPL-2.0-only\n',
].join('\n');

function osv(
  id: string,
  ecosystem: string,
  name: string,
  fixed: string,
  specific?: Record<string, unknown>
): OsvRecord {
  return fixedIn(id, ecosystem, name, fixed, specific ? { specific } : {});
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'palisade-scan-sbom-'));
  db = join(work, 'advisories.db');
  await buildFromRecords(
    db,
    [
      osv('CVE-2024-2961', 'Debian:12', 'glibc', '2.36-9+deb12u7', { urgency: 'high' }),
      osv('CVE-2024-28085', 'Debian:12', 'util-linux', '2.38.1-5+deb12u2', { urgency: 'low' }),
      // Fixed before the installed version: no finding.
      osv('CVE-2022-37434', 'Debian:12', 'zlib', '1:1.2.11.dfsg-4.1'),
      // Another release's advisory: no finding.
      osv('CVE-2024-9999', 'Debian:11', 'glibc', '2.31-13+deb11u99', { urgency: 'high' }),
      osv('CVE-2023-42366', 'Alpine:v3.20', 'busybox', '1.36.1-r30'),
      osv('CVE-2023-0001', 'Alpine:v3.20', 'musl', '1.2.4-r0'),
    ].map((record) => recordItem(record)),
    work
  );
  layout = new LayoutWriter(join(work, 'layout'));
  await layout.tag('debian', {
    layers: [
      {
        entries: [
          {
            name: 'etc/os-release',
            content: 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n',
          },
          { name: 'var/lib/dpkg/status', content: dpkgStatus },
        ],
      },
    ],
  });
  await layout.tag('alpine', {
    layers: [
      { entries: [{ name: 'etc/os-release', content: 'ID=alpine\nVERSION_ID=3.20.3\n' }] },
      { entries: [{ name: 'lib/apk/db/installed', content: apkInstalled }] },
    ],
  });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Writes the image's SBOM the way a registry pipeline stores one: no vulnerabilities in it. */
async function storeSbom(tag: string, format: 'cyclonedx' | 'spdx'): Promise<string> {
  const path = join(work, `${tag}.${format}.json`);
  const result = await runCli([
    'scan',
    'image',
    `oci:${layout.dir}:${tag}`,
    '--no-vulns',
    '--no-cache',
    '--no-progress',
    '-f',
    format,
    '-o',
    path,
  ]);
  expect(result).toEqual({ code: 0, stderr: '' });
  return path;
}

/** `palisade scan sbom FILE --db DB ARGS`; a young database, so no age warning. */
function scanSbom(file: string, extra: string[] = []) {
  return runCliWithStdout(['scan', 'sbom', file, '--db', db, '--max-db-age', '100000', ...extra]);
}

async function findingsOf(file: string): Promise<[string, string, string, string][]> {
  const result = await scanSbom(file, ['-f', 'json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const inventory = JSON.parse(result.stdout) as Inventory;
  return (inventory.vulnerabilities?.findings ?? []).map((finding) => [
    finding.id,
    finding.package.name,
    finding.installedVersion,
    finding.severity,
  ]);
}

describe('palisade scan sbom', () => {
  for (const format of ['cyclonedx', 'spdx'] as const) {
    it(`matches a stored ${format} SBOM of a Debian image as a scan of the image would`, async () => {
      const sbom = await storeSbom('debian', format);

      expect(await findingsOf(sbom)).toEqual([
        ['CVE-2024-2961', 'libc6', '2.36-9+deb12u4', 'high'],
        ['CVE-2024-28085', 'bsdutils', '2.38.1-5+deb12u1', 'low'],
      ]);
      const image = await runCliWithStdout([
        'scan',
        'image',
        `oci:${layout.dir}:debian`,
        '--no-cache',
        '--no-progress',
        '--db',
        db,
        '--max-db-age',
        '100000',
        '-f',
        'json',
      ]);
      const scanned = JSON.parse(image.stdout) as Inventory;
      const reread = JSON.parse((await scanSbom(sbom, ['-f', 'json'])).stdout) as Inventory;
      expect(reread.vulnerabilities?.findings.map((finding) => finding.package.purl)).toEqual(
        scanned.vulnerabilities?.findings.map((finding) => finding.package.purl)
      );
      expect(reread.os).toMatchObject({ id: 'debian', versionId: '12' });
      expect(reread.artifact).toMatchObject({
        name: `oci:${layout.dir}:debian`,
        transport: 'oci',
        manifestDigest: scanned.artifact.manifestDigest,
      });
      const kind = format === 'cyclonedx' ? 'CycloneDX 1.6' : 'SPDX-2.3';
      expect(
        reread.notes[0]?.startsWith(`packages as listed by ${sbom} (${kind}, created 20`)
      ).toBe(true);
      expect(reread.notes[0]?.endsWith('); the image itself was not read')).toBe(true);
    });

    it(`matches a stored ${format} SBOM of an Alpine image by origin`, async () => {
      const sbom = await storeSbom('alpine', format);

      expect(await findingsOf(sbom)).toEqual([
        ['CVE-2023-42366', 'busybox', '1.36.1-r29', 'unknown'],
        ['CVE-2023-42366', 'ssl_client', '1.36.1-r29', 'unknown'],
      ]);
    });
  }

  it('keeps the layer a package came from, through our CycloneDX', async () => {
    const sbom = await storeSbom('alpine', 'cyclonedx');
    const result = await scanSbom(sbom, ['-f', 'json']);
    const inventory = JSON.parse(result.stdout) as Inventory;

    expect(inventory.vulnerabilities?.findings[0]?.package.layer).toMatchObject({
      index: 1,
      digest: expect.stringMatching(/^sha256:/) as unknown,
    });
  });

  it('exits 1 with --exit-code when a finding is at or over the threshold', async () => {
    const debian = await storeSbom('debian', 'cyclonedx');
    const alpine = await storeSbom('alpine', 'spdx');

    const high = await scanSbom(debian, ['--exit-code', 'high', '-o', join(work, 'out.json')]);
    const critical = await scanSbom(debian, ['--exit-code', 'critical', '-f', 'sarif']);
    const unrated = await scanSbom(alpine, ['--exit-code', 'high', '-f', 'cyclonedx']);

    expect([high.code, high.stderr, high.stdout]).toEqual([1, '', '']);
    expect(readFileSync(join(work, 'out.json'), 'utf8')).toContain('CVE-2024-2961');
    expect(critical.code).toBe(0);
    expect(unrated.code).toBe(0);
    expect(unrated.stdout).toContain('"CVE-2023-42366"');
  });

  it('applies the policy flags it shares with scan image', async () => {
    const sbom = await storeSbom('debian', 'spdx');
    const result = await scanSbom(sbom, ['--severity', 'high', '-f', 'json']);
    const inventory = JSON.parse(result.stdout) as Inventory;

    expect(inventory.vulnerabilities?.findings.map((finding) => finding.id)).toEqual([
      'CVE-2024-2961',
    ]);
    expect(
      inventory.vulnerabilities?.suppressed.map(({ finding, by }) => [finding.id, by])
    ).toEqual([['CVE-2024-28085', 'severity']]);
  });

  it('exits 2 for a missing file, naming it', async () => {
    const missing = join(work, 'no-such.cdx.json');
    const result = await scanSbom(missing);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`palisade: no such SBOM file: ${missing}\n`);
  });

  it('exits 2 for JSON that is not an SBOM, saying what it expected', async () => {
    const inventory = join(work, 'inventory.json');
    const scanned = await runCli([
      'scan',
      'image',
      `oci:${layout.dir}:debian`,
      '--no-vulns',
      '--no-cache',
      '--no-progress',
      '-f',
      'json',
      '-o',
      inventory,
    ]);
    expect(scanned.code).toBe(0);
    const result = await scanSbom(inventory);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `palisade: ${inventory} is not an SBOM Palisade reads: neither CycloneDX JSON ("bomFormat": "CycloneDX") nor SPDX 2 JSON ("spdxVersion": "SPDX-2.x")\n`
    );
  });

  it('exits 2 for a malformed SBOM, naming the file and the field', async () => {
    const broken = join(work, 'broken.cdx.json');
    writeFileSync(
      broken,
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        components: [{ type: 'library', name: 'bash', purl: 'pkg:deb/debian/bash' }],
      })
    );
    const result = await scanSbom(broken);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `palisade: ${broken}: components[0] (bash) has the package URL "pkg:deb/debian/bash" with no version, which matching needs\n`
    );
  });
});
