import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors.js';
import type { OsvRecord } from '../osv/schema.js';
import type { SourceItem } from '../source/types.js';
import { buildFromRecords, recordItem } from '../../../test/harness/advisory-db.js';
import { AdvisoryDb } from './reader.js';
import { exportAdvisoryDb, importAdvisoryDb } from './transfer.js';

function record(
  id: string,
  affected: OsvRecord['affected'],
  extra: Partial<OsvRecord> = {}
): OsvRecord {
  return { id, modified: '2024-01-01T00:00:00Z', aliases: [`CVE-${id}`], affected, ...extra };
}

const debian = (id: string, name: string, fixed: string, release = '12'): OsvRecord =>
  record(id, [
    {
      package: { ecosystem: `Debian:${release}`, name },
      ranges: [{ type: 'ECOSYSTEM', events: [{ fixed }, { introduced: '0' }] }],
    },
  ]);

let dir: string;
const build = (target: string, items: SourceItem[], failAfter = false) =>
  buildFromRecords(target, items, dir, {
    location: 'https://user:secret@feeds.test/all.zip?token=t',
    ...(failAfter ? { failAfter: new InputError('feed.zip: truncated zip') } : {}),
  });
const item = (r: OsvRecord, origin?: string): SourceItem => recordItem(r, origin);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-advdb-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildAdvisoryDb', () => {
  it('stores records by ecosystem, release and package, with events in version order', async () => {
    const target = join(dir, 'one.db');

    const report = await build(target, [
      item(debian('DSA-1', 'openssl', '3.0.11-1~deb12u2')),
      item(debian('DSA-2', 'openssl', '1.1.1n-0+deb11u5', '11')),
      item(
        record('PYSEC-1', [
          { package: { ecosystem: 'PyPI', name: 'Django_Rest' }, versions: ['1.0', '1.1'] },
        ])
      ),
    ]);
    const db = AdvisoryDb.open(target);

    expect(report).toMatchObject({ advisories: 3, affectedRows: 3, errorCount: 0 });
    expect(db.affectedEntries('Debian', '12', 'openssl')).toEqual([
      {
        advisoryId: 'DSA-1',
        entry: {
          ranges: [
            { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }] },
          ],
        },
        advisory: { aliases: ['CVE-DSA-1'], references: [], cvss: [] },
      },
    ]);
    expect(db.advisory('DSA-1')).toMatchObject({ id: 'DSA-1', aliases: ['CVE-DSA-1'] });
    expect(db.affectedEntries('Debian', '11', 'openssl').map((row) => row.advisoryId)).toEqual([
      'DSA-2',
    ]);
    expect(db.affectedEntries('PyPI', '', 'django-rest').map((row) => row.advisoryId)).toEqual([
      'PYSEC-1',
    ]);
    expect(db.status()).toMatchObject({
      builtAt: '2024-06-01T00:00:00.000Z',
      toolVersion: '9.9.9',
      advisories: 3,
      sources: [{ id: 'osv', location: 'https://feeds.test/all.zip', records: 3, errors: 0 }],
      ecosystems: [
        { ecosystem: 'Debian', release: '11', rows: 1 },
        { ecosystem: 'Debian', release: '12', rows: 1 },
        { ecosystem: 'PyPI', release: '', rows: 1 },
      ],
    });
    db.close();
  });

  it('leaves out what it cannot judge, names the record and where it came from, and goes on', async () => {
    const target = join(dir, 'problems.db');

    const report = await build(target, [
      { kind: 'error', origin: 'all.zip:BAD-1.json', message: 'id: Required' },
      item(record('X-1', [{ package: { ecosystem: 'Klingon', name: 'p' }, versions: ['1'] }])),
      item(
        record('X-2', [
          {
            package: { ecosystem: 'Debian:12', name: 'p' },
            ranges: [
              { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: 'not a version!' }] },
            ],
          },
        ])
      ),
      item(debian('DSA-3', 'curl', '7.88.1-10+deb12u5')),
    ]);
    const db = AdvisoryDb.open(target);

    expect(report.errorCount).toBe(3);
    expect(report.firstErrors).toEqual([
      { source: 'osv', origin: 'all.zip:BAD-1.json', message: 'id: Required' },
      {
        source: 'osv',
        origin: 'X-1.json',
        message: 'X-1: affected[0] (Klingon/p): unknown ecosystem "Klingon"',
      },
      {
        source: 'osv',
        origin: 'X-2.json',
        message: expect.stringMatching(
          /^X-2: affected\[0\] \(Debian:12\/p\): not a valid dpkg version: "not a version!"/
        ) as unknown,
      },
    ]);
    expect(db.affectedEntries('Debian', '12', 'curl').map((row) => row.advisoryId)).toEqual([
      'DSA-3',
    ]);
    expect(db.importErrors(10)).toHaveLength(3);
    db.close();
  });

  it('keeps the newest of two copies of one record, and stores withdrawn records without letting them match', async () => {
    const target = join(dir, 'dupes.db');

    await build(target, [
      item(debian('DSA-4', 'zlib', '1:1.2.13.dfsg-1')),
      item({ ...debian('DSA-4', 'zlib', '1:1.2.13.dfsg-2'), modified: '2024-02-01T00:00:00Z' }),
      item({ ...debian('DSA-4', 'zlib', '1:1.2.13.dfsg-0'), modified: '2023-02-01T00:00:00Z' }),
      item({ ...debian('DSA-5', 'zlib', '1:1.3'), withdrawn: '2024-03-01T00:00:00Z' }),
    ]);
    const db = AdvisoryDb.open(target);

    const rows = db.affectedEntries('Debian', '12', 'zlib');
    expect(rows.map((row) => row.advisoryId)).toEqual(['DSA-4']);
    expect(JSON.stringify(rows[0]?.entry)).toContain('1:1.2.13.dfsg-2');
    expect(db.status().advisories).toBe(2);
    db.close();
  });

  it('replaces the database only when every source was read', async () => {
    const target = join(dir, 'atomic.db');
    await build(target, [item(debian('DSA-6', 'bash', '5.2.15-2+b2'))]);

    await expect(build(target, [item(debian('DSA-7', 'dash', '0.5.12-2'))], true)).rejects.toThrow(
      'truncated zip'
    );
    const db = AdvisoryDb.open(target);

    expect(db.status().advisories).toBe(1);
    expect(db.affectedEntries('Debian', '12', 'bash')).toHaveLength(1);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    db.close();
  });
});

describe('AdvisoryDb.open', () => {
  it('tells the user how to make a database when there is none', () => {
    expect(() => AdvisoryDb.open(join(dir, 'absent.db'))).toThrow(NotFoundError);
    expect(() => AdvisoryDb.open(join(dir, 'absent.db'))).toThrow(
      /palisade db update --source osv=/
    );
  });

  it('refuses a file that is not an advisory database', () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite');

    expect(() => AdvisoryDb.open(junk)).toThrow(InputError);
    expect(() => AdvisoryDb.open(junk)).toThrow(/junk\.db: not an advisory database/);
  });
});

describe('export and import', () => {
  it('carries a database to another file, and refuses to import a damaged one over a good one', async () => {
    const source = join(dir, 'export-source.db');
    const exported = join(dir, 'carried', 'advisories.db');
    const current = join(dir, 'current.db');
    await build(source, [item(debian('DSA-8', 'tar', '1.34+dfsg-1.2+deb12u1'))]);
    await build(current, [item(debian('DSA-9', 'gzip', '1.12-1'))]);

    await exportAdvisoryDb(source, exported);
    const junk = join(dir, 'not-a-db.db');
    writeFileSync(junk, 'nope');
    await expect(importAdvisoryDb(junk, current)).rejects.toThrow(InputError);
    const stillCurrent = AdvisoryDb.open(current);
    expect(stillCurrent.affectedEntries('Debian', '12', 'gzip')).toHaveLength(1);
    stillCurrent.close();
    await importAdvisoryDb(exported, current);
    const imported = AdvisoryDb.open(current);

    expect(existsSync(exported)).toBe(true);
    expect(imported.affectedEntries('Debian', '12', 'tar')).toHaveLength(1);
    imported.close();
  });
});
