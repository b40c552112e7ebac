import { beforeAll, describe, expect, it } from 'vitest';
import { readBerkeleyDb } from './bdb.js';
import type { HeaderBlob } from './db-blob.js';
import { readHeader } from './header.js';
import type { BerkeleyDbOptions } from '../../../../test/harness/rpm-fixtures.js';
import {
  buildBerkeleyDb,
  useRpmFixture,
  inputError,
  queryRpm,
} from '../../../../test/harness/rpm-fixtures.js';

const PATH = 'var/lib/rpm/Packages';
const OVERFLOW = 7;

const fixture = useRpmFixture();
const databases = new Map<string, { root: string; content: Buffer }>();

const VARIANTS: Record<string, BerkeleyDbOptions> = {
  'little-endian, 4 KiB pages': {},
  'little-endian, 512-byte pages': { pageSize: 512 },
  'big-endian': { bigEndian: true },
  'page checksums': { checksum: true },
  'many buckets': { pageSize: 512, copies: 40 },
};

beforeAll(() => {
  Object.entries(VARIANTS).forEach(([name, options], index) => {
    databases.set(name, buildBerkeleyDb(fixture(), `bdb-${index}`, options));
  });
});

function database(name: string): Buffer {
  const built = databases.get(name);
  if (built === undefined) {
    throw new Error(`no database ${name}`);
  }
  return Buffer.from(built.content);
}

/** Reads pages the way a test needs to damage them: little-endian, 4 KiB unless told. */
function pagesOfType(content: Buffer, type: number, pageSize = 4096): number[] {
  const pages: number[] = [];
  for (let page = 1; (page + 1) * pageSize <= content.length; page++) {
    if (content[page * pageSize + 25] === type) {
      pages.push(page);
    }
  }
  return pages;
}

function names(blobs: HeaderBlob[]): string[] {
  return blobs.map(({ blob }) => readHeader(blob, 'test').name ?? '').sort();
}

describe('readBerkeleyDb', () => {
  it.each(Object.keys(VARIANTS))('reads what rpm reads: %s', (name) => {
    const built = databases.get(name);
    const copies = VARIANTS[name]?.copies ?? 1;
    const blobs = readBerkeleyDb(database(name), PATH);
    expect(blobs).toHaveLength(fixture().blobs.length * copies);
    const expected = fixture()
      .queried.flatMap((pkg) => Array<string>(copies).fill(pkg.name))
      .sort();
    expect(names(blobs)).toEqual(expected);
    // Debian's rpm reads Berkeley DB through bdb_ro; when the file suits it, the lists agree.
    if (built !== undefined && VARIANTS[name]?.checksum !== true) {
      expect(queryRpm(built.root, 'bdb_ro').map((pkg) => pkg.name)).toEqual(expected);
    }
  });

  it('returns the very bytes rpm stored, keyed by package number', () => {
    const blobs = readBerkeleyDb(database('little-endian, 512-byte pages'), PATH);
    expect(blobs.sort((a, b) => a.key - b.key)).toEqual(fixture().blobs);
  });

  it('exercises overflow chains and bucket splits', () => {
    const content = database('many buckets');
    expect(content.readUInt32LE(72)).toBeGreaterThan(4);
    expect(pagesOfType(database('little-endian, 4 KiB pages'), OVERFLOW).length).toBeGreaterThan(2);
  });

  it('refuses a wrong magic and a truncated file', () => {
    const content = database('little-endian, 4 KiB pages');
    const wrong = Buffer.from(content);
    wrong.writeUInt32LE(0x053162, 12);
    expect(inputError(() => readBerkeleyDb(wrong, PATH)).message).toBe(
      `${PATH}: corrupt Berkeley DB: no hash magic 0x061561 at offset 12`
    );
    const truncated = content.subarray(0, content.length - 4096);
    expect(inputError(() => readBerkeleyDb(truncated, PATH)).message).toMatch(
      /^var\/lib\/rpm\/Packages: corrupt Berkeley DB: the metadata names page \d+, the file holds only \d+ pages$/
    );
    expect(inputError(() => readBerkeleyDb(content.subarray(0, 100), PATH)).message).toMatch(
      /shorter than the 512-byte metadata page/
    );
  });

  it('refuses an overflow chain that loops', () => {
    const content = database('little-endian, 4 KiB pages');
    const looping = pagesOfType(content, OVERFLOW).find(
      (page) => content.readUInt32LE(page * 4096 + 16) !== 0
    );
    expect(looping).toBeDefined();
    const page = looping ?? 0;
    content.writeUInt32LE(page, page * 4096 + 16);
    expect(inputError(() => readBerkeleyDb(content, PATH)).message).toBe(
      `${PATH}: corrupt Berkeley DB: overflow page ${page} is reached twice (the page chain loops)`
    );
  });

  it('refuses a bucket chain that loops', () => {
    const content = database('little-endian, 4 KiB pages');
    const [first] = pagesOfType(content, 13);
    const page = first ?? 0;
    content.writeUInt32LE(page, page * 4096 + 16);
    expect(inputError(() => readBerkeleyDb(content, PATH)).message).toMatch(
      new RegExp(`hash bucket page ${page} is reached twice`)
    );
  });

  it('refuses items that point outside their page or claim impossible lengths', () => {
    const content = database('little-endian, 4 KiB pages');
    const page = pagesOfType(content, 13)[0] ?? 0;
    const outside = Buffer.from(content);
    outside.writeUInt16LE(0xffff, page * 4096 + 26);
    expect(inputError(() => readBerkeleyDb(outside, PATH)).message).toMatch(
      /hash page \d+ item 0 at offset 65535 is out of place/
    );
    const tooMany = Buffer.from(content);
    tooMany.writeUInt16LE(4000, page * 4096 + 20);
    expect(inputError(() => readBerkeleyDb(tooMany, PATH)).message).toMatch(
      /claims 4000 items, more than fit/
    );
    const huge = Buffer.from(content);
    const offPage = findOffPageItem(huge, page);
    huge.writeUInt32LE(0x7fffffff, offPage + 8);
    expect(inputError(() => readBerkeleyDb(huge, PATH)).message).toMatch(
      /overflow value of 2147483647 bytes is impossible/
    );
    const wrongPage = Buffer.from(content);
    wrongPage.writeUInt32LE(0xfffffff, offPage + 4);
    expect(inputError(() => readBerkeleyDb(wrongPage, PATH)).message).toMatch(
      /overflow page 268435455 is outside pages 1 to \d+/
    );
  });
});

/** The file offset of the first off-page (type 3) item on a hash page. */
function findOffPageItem(content: Buffer, page: number): number {
  const start = page * 4096;
  const entries = content.readUInt16LE(start + 20);
  for (let index = 0; index < entries; index++) {
    const offset = content.readUInt16LE(start + 26 + index * 2);
    if (content[start + offset] === 3) {
      return start + offset;
    }
  }
  throw new Error(`page ${page} has no off-page item`);
}
