import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { PackageRecord } from '../../../core/package.js';
import { analyzer } from './index.js';
import {
  buildBerkeleyDb,
  buildNdb,
  useRpmFixture,
  byName,
  expectedRecords,
  inputError,
  queryRpm,
  queryRpmFiles,
} from '../../../../test/harness/rpm-fixtures.js';

const fixture = useRpmFixture();

async function analyze(path: string, content: Buffer): Promise<PackageRecord[]> {
  const result = await analyzer.analyze({ path, content });
  expect(result.notes).toBeUndefined();
  return result.packages ?? [];
}

describe('rpm analyzer', () => {
  it('wants the three database files in the three rpm directories, nothing else', () => {
    for (const directory of ['var/lib/rpm', 'usr/lib/sysimage/rpm', 'usr/share/rpm']) {
      for (const name of ['Packages', 'Packages.db', 'rpmdb.sqlite']) {
        expect(analyzer.wants(`${directory}/${name}`)).toBe(true);
      }
    }
    for (const path of [
      '/var/lib/rpm/Packages',
      'var/lib/rpm/Name',
      'var/lib/rpm/rpmdb.sqlite-wal',
      'var/lib/rpm/Index.db',
      'root/var/lib/rpm/Packages',
      'var/lib/dpkg/status',
    ]) {
      expect(analyzer.wants(path)).toBe(false);
    }
    expect(analyzer.id).toBe('rpm');
    expect(analyzer.maxFileSize).toBe(512 * 1024 * 1024);
  });

  it('lists an rpm-written rpmdb.sqlite exactly as rpm -qa does, without gpg-pubkey', async () => {
    const packages = await analyze('var/lib/rpm/rpmdb.sqlite', fixture().sqlite);
    expect([...packages].sort(byName)).toEqual(expectedRecords(fixture().queried));
    expect(fixture().queried.map((pkg) => pkg.name)).toContain('gpg-pubkey');
    expect(packages.map((pkg) => pkg.name)).not.toContain('gpg-pubkey');
  });

  it('lists the files each package installed, as rpm -qal does', async () => {
    const result = await analyzer.analyze({
      path: 'var/lib/rpm/rpmdb.sqlite',
      content: fixture().sqlite,
    });

    const expected = queryRpmFiles(fixture().root).map((path) => path.slice(1));
    expect(expected).toContain('usr/lib/python3.9/site-packages/alpha-1.2.3.dist-info/METADATA');
    expect([...(result.ownedFiles ?? [])].sort()).toEqual(expected);
  });

  it('keeps epochs apart, omits absent ones, and names the source package', async () => {
    const packages = await analyze('usr/lib/sysimage/rpm/rpmdb.sqlite', fixture().sqlite);
    const byPackage = new Map(packages.map((pkg) => [pkg.name, pkg]));
    expect(byPackage.get('alpha')).toEqual({
      type: 'rpm',
      name: 'alpha',
      version: '1.2.3-4.el9',
      arch: 'noarch',
      source: { name: 'alpha', version: '1.2.3-4.el9' },
      licenses: ['MIT and BSD'],
      vendor: 'Palisade Test',
    });
    expect(byPackage.get('beta')?.epoch).toBe(2);
    expect(byPackage.get('beta')).not.toHaveProperty('vendor');
    expect(byPackage.get('gamma')?.epoch).toBe(0);
    expect(byPackage.get('gamma-libs')?.source).toEqual({
      name: 'gamma',
      version: '10.0~rc1-3.fc40',
    });
  });

  it('lists a Berkeley DB Packages file as rpm -qa does', async () => {
    const bdb = buildBerkeleyDb(fixture(), 'index-bdb');
    expect(queryRpm(bdb.root, 'bdb_ro')).toEqual(fixture().queried);
    const packages = await analyze('var/lib/rpm/Packages', bdb.content);
    expect([...packages].sort(byName)).toEqual(expectedRecords(fixture().queried));
  });

  it('lists an ndb Packages.db with the same records', async () => {
    const packages = await analyze('usr/lib/sysimage/rpm/Packages.db', buildNdb(fixture().blobs));
    expect([...packages].sort(byName)).toEqual(expectedRecords(fixture().queried));
  });

  it('reports packages in install order whatever the file order', async () => {
    const fromSqlite = await analyze('var/lib/rpm/rpmdb.sqlite', fixture().sqlite);
    const fromNdb = await analyze('var/lib/rpm/Packages.db', buildNdb(fixture().blobs));
    expect(fromNdb).toEqual(fromSqlite);
  });

  it('turns an empty database file into a note, not a silent empty list', async () => {
    const result = await analyzer.analyze({
      path: 'var/lib/rpm/Packages',
      content: Buffer.alloc(0),
    });
    expect(result.packages).toEqual([]);
    expect(result.notes).toEqual(['var/lib/rpm/Packages: empty rpm database file, no packages']);
  });

  it('refuses a file whose magic disagrees with its name', () => {
    const sqliteAsBdb = inputError(() =>
      analyzer.analyze({ path: 'var/lib/rpm/Packages', content: fixture().sqlite })
    );
    expect(sqliteAsBdb.message).toBe(
      'var/lib/rpm/Packages: expected a Berkeley DB hash database, found an SQLite database'
    );
    const ndbAsSqlite = inputError(() =>
      analyzer.analyze({ path: 'var/lib/rpm/rpmdb.sqlite', content: buildNdb(fixture().blobs) })
    );
    expect(ndbAsSqlite.message).toBe(
      'var/lib/rpm/rpmdb.sqlite: expected an SQLite database, found an ndb database'
    );
    const garbage = inputError(() =>
      analyzer.analyze({ path: 'usr/share/rpm/Packages.db', content: Buffer.from('garbage!') })
    );
    expect(garbage.message).toBe(
      'usr/share/rpm/Packages.db: expected an ndb database, found no known database magic'
    );
  });

  it('names the file and the package when a header inside is corrupt', () => {
    const cut = fixture().blobs.map(({ key, blob }) => ({ key, blob: blob.subarray(0, 8) }));
    const error = inputError(() =>
      analyzer.analyze({ path: 'var/lib/rpm/Packages.db', content: buildNdb(cut) })
    );
    expect(error.message).toMatch(/^var\/lib\/rpm\/Packages\.db: package 1: corrupt rpm header: /);
  });

  it('meets random damage with an InputError or a result, never a crash or a hang', async () => {
    const inputs: [string, Buffer][] = [
      ['var/lib/rpm/rpmdb.sqlite', fixture().sqlite],
      ['var/lib/rpm/Packages', buildBerkeleyDb(fixture(), 'fuzz-bdb', { pageSize: 512 }).content],
      ['var/lib/rpm/Packages.db', buildNdb(fixture().blobs)],
    ];
    const random = seededRandom(20240601);
    for (const [path, original] of inputs) {
      for (let round = 0; round < 150; round++) {
        const damaged = damage(original, random);
        try {
          await analyzer.analyze({ path, content: damaged });
        } catch (error) {
          if (!(error instanceof InputError)) {
            throw new Error(`${path} round ${round}: ${String(error)}`, { cause: error });
          }
        }
      }
    }
  });
});

/** xorshift32: the same damage on every run, so a failure can be replayed. */
function seededRandom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % below;
  };
}

/** Overwrites a few bytes or words with random or extreme values, or cuts the file short. */
function damage(original: Buffer, random: (below: number) => number): Buffer {
  const copy = Buffer.from(original);
  const edits = 1 + random(6);
  for (let edit = 0; edit < edits; edit++) {
    const at = random(copy.length - 4);
    const kind = random(4);
    if (kind === 0) {
      copy[at] = random(256);
    } else if (kind === 1) {
      copy.writeUInt32LE([0, 1, 0xffffffff, 0x7fffffff, random(0x10000)][random(5)] ?? 0, at);
    } else if (kind === 2) {
      copy.writeUInt16LE(random(0x10000), at);
    } else {
      copy.writeUInt32BE(random(0x100000), at);
    }
  }
  return random(5) === 0 ? copy.subarray(0, random(copy.length)) : copy;
}
