import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFromRecords, fixedIn, recordItem } from '../../test/harness/advisory-db.js';
import { InputError } from '../core/errors.js';
import type { Inventory } from '../core/inventory.js';
import { assessInventory, markExploited } from './assess.js';
import { AdvisoryDb } from './db/reader.js';
import { sampleFinding } from './policy/testing/sample-finding.js';
import type { ExploitedItem } from './source/types.js';

let dir: string;
let path: string;

const exploited = (cveId: string, dateAdded: string, ransomware: boolean): ExploitedItem => ({
  kind: 'exploited',
  cveId,
  exploited: { dateAdded, ransomware },
  origin: `kev.json:${cveId}`,
});

const inventory: Inventory = {
  schemaVersion: 1,
  tool: { name: 'palisade', version: 'test' },
  createdAt: '2024-06-01T00:00:00.000Z',
  artifact: { name: 'test', transport: 'dir', layers: [] },
  os: { id: 'debian', versionId: '12', idLike: [], distroless: false, source: 'etc/os-release' },
  packages: ['nghttp2', 'zlib'].map((name) => ({
    type: 'deb',
    name,
    version: '1.0-1',
    arch: 'amd64',
    licenses: [],
    purl: `pkg:deb/debian/${name}@1.0-1?arch=amd64&distro=debian-12`,
    location: 'var/lib/dpkg/status',
  })),
  notes: [],
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-kev-db-'));
  path = join(dir, 'advisories.db');
  await buildFromRecords(
    path,
    [
      // The Debian advisory names the CVE as an alias: the finding is the CVE's.
      recordItem({
        ...fixedIn('DSA-5540-1', 'Debian:12', 'nghttp2', '2.0-1'),
        aliases: ['CVE-2023-44487'],
      }),
      recordItem(fixedIn('CVE-2023-45853', 'Debian:12', 'zlib', '2.0-1')),
      exploited('CVE-2023-44487', '2023-10-10', false),
      exploited('CVE-2021-44228', '2021-12-10', true),
    ],
    dir
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('known exploited vulnerabilities', () => {
  it('keeps the catalog in the database and counts it in the status', () => {
    const db = AdvisoryDb.open(path);

    expect(db.knownExploited('CVE-2021-44228')).toEqual({
      dateAdded: '2021-12-10',
      ransomware: true,
    });
    expect(db.knownExploited('CVE-2023-45853')).toBeUndefined();
    expect(db.status()).toMatchObject({ schemaVersion: 2, knownExploited: 2, advisories: 2 });
    db.close();
  });

  it('marks the findings whose CVE the catalog lists, and only those', () => {
    const db = AdvisoryDb.open(path);
    const { report } = assessInventory(inventory, db, { now: new Date('2024-06-01T00:00:00Z') });
    db.close();

    expect(
      report.findings.map((finding) => [finding.id, finding.knownExploited ?? 'not listed'])
    ).toEqual([
      ['CVE-2023-44487', { dateAdded: '2023-10-10', ransomware: false }],
      ['CVE-2023-45853', 'not listed'],
    ]);
  });

  it('finds a listed CVE among the aliases of a finding named otherwise', () => {
    const catalog = {
      knownExploited: (id: string) =>
        id === 'CVE-2023-5678' ? { dateAdded: '2024-02-01', ransomware: true } : undefined,
    };
    const named = sampleFinding({ id: 'DSA-5585-1', aliases: ['CVE-2023-5678'] });
    const other = sampleFinding({ id: 'CVE-2020-1', aliases: [] });

    expect(markExploited([named, other], catalog).map((f) => f.knownExploited)).toEqual([
      { dateAdded: '2024-02-01', ransomware: true },
      undefined,
    ]);
  });

  it('refuses a database of the previous schema, saying to rebuild it', () => {
    const old = join(dir, 'old.db');
    copyFileSync(path, old);
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
    const raw = new Database(old);
    raw.prepare("UPDATE meta SET value = '1' WHERE key = 'schema_version'").run();
    raw.close();

    expect(() => AdvisoryDb.open(old)).toThrow(InputError);
    expect(() => AdvisoryDb.open(old)).toThrow(
      'advisory database schema 1, this palisade reads schema 2; rebuild it with palisade db update'
    );
  });
});
