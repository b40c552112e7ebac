import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromRecords, recordItem } from '../../../test/harness/advisory-db.js';
import type { Inventory } from '../../core/inventory.js';
import type { OsInfo } from '../../core/os.js';
import type { Package, PackageRecord } from '../../core/package.js';
import { packagePurl } from '../../core/purl.js';
import { AdvisoryDb } from '../db/reader.js';
import type { OsvRecord } from '../osv/schema.js';
import { matchInventory } from './match.js';

const debian12: OsInfo = {
  id: 'debian',
  versionId: '12',
  idLike: [],
  distroless: false,
  source: 'etc/os-release',
};
const alpine320: OsInfo = {
  id: 'alpine',
  versionId: '3.20.3',
  idLike: [],
  distroless: false,
  source: 'etc/os-release',
};
const amzn2023: OsInfo = {
  id: 'amzn',
  versionId: '2023',
  idLike: [],
  distroless: false,
  source: 'etc/os-release',
};

function inventory(os: OsInfo, records: PackageRecord[]): Inventory {
  const packages: Package[] = records.map((record) => ({
    ...record,
    purl: packagePurl(record, os),
    location: 'db',
  }));
  return {
    schemaVersion: 1,
    tool: { name: 'palisade', version: 'test' },
    createdAt: '2024-06-01T00:00:00.000Z',
    artifact: { name: 'test', transport: 'dir', layers: [] },
    os,
    packages,
    notes: [],
  };
}

const deb = (
  name: string,
  version: string,
  source?: string,
  sourceVersion?: string
): PackageRecord => ({
  type: 'deb',
  name,
  version,
  arch: 'amd64',
  source: { name: source ?? name, version: sourceVersion ?? version },
  licenses: [],
});

function osv(
  id: string,
  ecosystem: string,
  name: string,
  events: ({ introduced: string } | { fixed: string })[],
  extra: Partial<OsvRecord> = {},
  specific?: Record<string, unknown>
): OsvRecord {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events }],
        ...(specific ? { database_specific: specific } : {}),
      },
    ],
    ...extra,
  };
}

let dir: string;
let db: AdvisoryDb;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-match-'));
  const path = join(dir, 'advisories.db');
  await buildFromRecords(
    path,
    [
      osv(
        'DSA-5001-1',
        'Debian:12',
        'openssl',
        [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }],
        {
          aliases: ['CVE-2023-5363'],
          summary: 'openssl security update',
          references: [{ type: 'ADVISORY', url: 'https://www.debian.org/security/2023/dsa-5001' }],
        }
      ),
      osv(
        'DEBIAN-CVE-2023-5363',
        'Debian:12',
        'openssl',
        [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }],
        {
          aliases: ['CVE-2023-5363'],
        },
        { urgency: 'high' }
      ),
      osv('DEBIAN-CVE-2024-0001', 'Debian:11', 'openssl', [
        { introduced: '0' },
        { fixed: '1.1.1w-0+deb11u1' },
      ]),
      osv('DEBIAN-CVE-2024-0002', 'Debian:12', 'shadow', [
        { introduced: '0' },
        { fixed: '1:4.13+dfsg1-1+deb12u1' },
      ]),
      osv(
        'DEBIAN-CVE-2024-0003',
        'Debian:12',
        'glibc',
        [{ introduced: '0' }],
        {},
        { status: 'affected', urgency: 'low' }
      ),
      osv(
        'DEBIAN-CVE-2024-0004',
        'Debian:12',
        'zlib',
        [{ introduced: '0' }],
        {},
        { status: 'end-of-life' }
      ),
      osv(
        'OSV-2024-0010',
        'Debian:12',
        'curl',
        [{ introduced: '0' }, { fixed: '7.88.1-10+deb12u6' }],
        {
          aliases: ['CVE-2024-0010'],
          severity: [
            { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
            { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
          ],
        }
      ),
      osv('PYSEC-2019-217', 'PyPI', 'Jinja2', [{ introduced: '0' }, { fixed: '2.10.1' }], {
        aliases: ['CVE-2019-10906'],
      }),
      osv('GHSA-npm-1', 'npm', '@babel/traverse', [{ introduced: '7.0.0' }, { fixed: '7.23.2' }], {
        aliases: ['CVE-2023-45133'],
      }),
      osv(
        'GHSA-mvn-1',
        'Maven',
        'org.apache.logging.log4j:log4j-core',
        [{ introduced: '2.0' }, { fixed: '2.15.0' }],
        {
          aliases: ['CVE-2021-44228'],
        }
      ),
      osv('GO-2024-1', 'Go', 'stdlib', [{ introduced: '0' }, { fixed: '1.21.8' }], {
        aliases: ['CVE-2024-24783'],
      }),
      osv(
        'ALPINE-3.20-CVE-2024-0005',
        'Alpine:v3.20',
        'openssl',
        [{ introduced: '0' }, { fixed: '3.3.2-r0' }],
        {
          aliases: ['CVE-2024-0005'],
        }
      ),
      osv(
        'ALAS2023-2024-1',
        'Amazon Linux:2023',
        'bash',
        [{ introduced: '0' }, { fixed: '1:5.2.15-1.amzn2023.0.3' }],
        {
          aliases: ['CVE-2024-0006'],
        },
        { severity: 'important' }
      ),
    ].map((record) => recordItem(record)),
    dir
  );
  db = AdvisoryDb.open(path);
});

afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('matchInventory', () => {
  it('reports one finding per vulnerability, however many advisories name it, with the vendor’s severity', () => {
    const { findings } = matchInventory(
      inventory(debian12, [deb('libssl3', '3.0.11-1~deb12u1', 'openssl')]),
      db
    );

    expect(findings).toEqual([
      {
        id: 'CVE-2023-5363',
        aliases: [],
        advisories: ['DEBIAN-CVE-2023-5363', 'DSA-5001-1'],
        package: {
          type: 'deb',
          name: 'libssl3',
          version: '3.0.11-1~deb12u1',
          purl: 'pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12&upstream=openssl',
          location: 'db',
        },
        installedVersion: '3.0.11-1~deb12u1',
        fixedVersion: '3.0.11-1~deb12u2',
        status: 'fixed',
        severity: 'high',
        severitySource: 'debian',
        title: 'openssl security update',
        references: ['https://www.debian.org/security/2023/dsa-5001'],
      },
    ]);
  });

  it('does not report a version equal to the fixed one, nor one from another release', () => {
    const { findings } = matchInventory(
      inventory(debian12, [deb('libssl3', '3.0.11-1~deb12u2', 'openssl')]),
      db
    );

    expect(findings).toEqual([]);
  });

  it('lets the epoch decide', () => {
    const check = (version: string) =>
      matchInventory(
        inventory(debian12, [deb('login', version, 'shadow', version)]),
        db
      ).findings.map((finding) => finding.id);

    expect(check('1:4.13+dfsg1-1')).toEqual(['DEBIAN-CVE-2024-0002']);
    expect(check('1:4.99-1')).toEqual([]);
    // Epoch 0 sorts below epoch 1, whatever the upstream version says.
    expect(check('4.99-1')).toEqual(['DEBIAN-CVE-2024-0002']);
  });

  it('reports unfixed vulnerabilities as affected with no fix, and end-of-life as such', () => {
    const { findings } = matchInventory(
      inventory(debian12, [
        deb('libc6', '2.36-9+deb12u4', 'glibc'),
        deb('zlib1g', '1:1.2.13.dfsg-1', 'zlib'),
      ]),
      db
    );

    expect(
      findings.map(({ id, status, fixedVersion, severity }) => ({
        id,
        status,
        fixedVersion,
        severity,
      }))
    ).toEqual([
      { id: 'DEBIAN-CVE-2024-0003', status: 'affected', fixedVersion: undefined, severity: 'low' },
      {
        id: 'DEBIAN-CVE-2024-0004',
        status: 'end-of-life',
        fixedVersion: undefined,
        severity: 'unknown',
      },
    ]);
  });

  it('matches Alpine by origin and major.minor release, and rpm with its epoch', () => {
    const alpine = matchInventory(
      inventory(alpine320, [
        {
          type: 'apk',
          name: 'libcrypto3',
          version: '3.3.1-r0',
          source: { name: 'openssl', version: '3.3.1-r0' },
          licenses: [],
        },
      ]),
      db
    );
    const amazon = matchInventory(
      inventory(amzn2023, [
        { type: 'rpm', name: 'bash', version: '5.2.15-1.amzn2023.0.2', epoch: 1, licenses: [] },
        { type: 'rpm', name: 'bash', version: '5.2.15-1.amzn2023.0.9', epoch: 1, licenses: [] },
      ]),
      db
    );

    expect(alpine.findings.map((finding) => [finding.id, finding.fixedVersion])).toEqual([
      ['CVE-2024-0005', '3.3.2-r0'],
    ]);
    expect(amazon.findings.map((finding) => [finding.installedVersion, finding.severity])).toEqual([
      ['1:5.2.15-1.amzn2023.0.2', 'high'],
    ]);
  });

  it('matches language packages against their ecosystem by its own names, whatever the OS', () => {
    const language = (
      type: PackageRecord['type'],
      name: string,
      version: string
    ): PackageRecord => ({
      type,
      name,
      version,
      licenses: [],
    });
    const { findings } = matchInventory(
      inventory(debian12, [
        language('pypi', 'jinja2', '2.10'),
        language('pypi', 'Jinja2', '2.10.1'),
        language('npm', '@babel/traverse', '7.22.0'),
        language('maven', 'org.apache.logging.log4j:log4j-core', '2.14.1'),
        language('golang', 'stdlib', '1.21.5'),
        language('golang', 'stdlib', 'go1.22.0'),
      ]),
      db
    );

    expect(
      findings
        .map(
          (finding) =>
            `${finding.package.name}@${finding.package.version} ${finding.id} ${finding.fixedVersion ?? ''}`
        )
        .sort()
    ).toEqual([
      '@babel/traverse@7.22.0 CVE-2023-45133 7.23.2',
      'jinja2@2.10 CVE-2019-10906 2.10.1',
      'org.apache.logging.log4j:log4j-core@2.14.1 CVE-2021-44228 2.15.0',
      'stdlib@1.21.5 CVE-2024-24783 1.21.8',
    ]);
  });

  it('rates by the newest CVSS vector when the distribution gives no rating', () => {
    const { findings } = matchInventory(
      inventory(debian12, [deb('libcurl4', '7.88.1-10+deb12u5', 'curl')]),
      db
    );

    expect(
      findings.map(({ id, severity, severitySource, cvss }) => ({
        id,
        severity,
        severitySource,
        cvss,
      }))
    ).toEqual([
      {
        id: 'CVE-2024-0010',
        severity: 'critical',
        severitySource: 'cvss-v3.1',
        cvss: {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          score: 9.8,
        },
      },
    ]);
  });

  it('reports a version it cannot read as unknown instead of passing it', () => {
    const broken = inventory(debian12, [deb('libssl3', 'not!a!version', 'openssl')]);

    const { findings, unknowns } = matchInventory(broken, db);

    expect(findings).toEqual([]);
    expect(unknowns).toEqual([
      {
        purl: broken.packages[0]?.purl,
        reason: expect.stringContaining('not a valid dpkg version: "not!a!version"') as unknown,
      },
    ]);
  });

  it('leaves OSes without a known feed alone', () => {
    const unknownOs: OsInfo = {
      id: 'plan9',
      versionId: '4',
      idLike: [],
      distroless: false,
      source: 'etc/os-release',
    };

    expect(matchInventory(inventory(unknownOs, [deb('libssl3', '1.0', 'openssl')]), db)).toEqual({
      findings: [],
      unknowns: [],
    });
  });
});
