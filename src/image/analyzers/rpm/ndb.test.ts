import { beforeAll, describe, expect, it } from 'vitest';
import { readNdb } from './ndb.js';
import { buildNdb, useRpmFixture, inputError } from '../../../../test/harness/rpm-fixtures.js';

const PATH = 'usr/lib/sysimage/rpm/Packages.db';
const PREFIX = `${PATH}: corrupt ndb database: `;
/** buildNdb leaves slots 0-1 to the file header and slot 2 free; packages start at slot 3. */
const FIRST_SLOT = 3 * 16;

const fixture = useRpmFixture();
let ndb: Buffer;

beforeAll(() => {
  ndb = buildNdb(fixture().blobs);
});

function message(content: Buffer): string {
  return inputError(() => readNdb(content, PATH)).message;
}

describe('readNdb', () => {
  it('reads every header blob, skipping free slots, in package-number order', () => {
    expect(readNdb(ndb, PATH)).toEqual(fixture().blobs);
  });

  it('reads a database with no packages', () => {
    expect(readNdb(buildNdb([]), PATH)).toEqual([]);
  });

  it('refuses a wrong magic, a wrong version and a truncated file', () => {
    const wrong = Buffer.from(ndb);
    wrong.write('RpmX', 0, 'latin1');
    expect(message(wrong)).toBe(`${PREFIX}no RpmP magic at offset 0`);
    const version = Buffer.from(ndb);
    version.writeUInt32LE(3, 4);
    expect(message(version)).toBe(`${PREFIX}version 3 is not 0`);
    expect(message(ndb.subarray(0, ndb.length - 5))).toMatch(
      /not a whole number of 16-byte blocks \(truncated\?\)$/
    );
    expect(message(ndb.subarray(0, ndb.length - 16))).toMatch(
      /^usr\/lib\/sysimage\/rpm\/Packages\.db: corrupt ndb database: slot \d+ points past the end of the file \(truncated\?\)$/
    );
    expect(message(ndb.subarray(0, 20))).toBe(
      `${PREFIX}20 bytes is shorter than the 32-byte file header`
    );
  });

  it('refuses damaged slots', () => {
    const magic = Buffer.from(ndb);
    magic.write('Slop', FIRST_SLOT, 'latin1');
    expect(message(magic)).toBe(`${PREFIX}slot 3 has no Slot magic`);
    const intoSlots = Buffer.from(ndb);
    intoSlots.writeUInt32LE(10, FIRST_SLOT + 8);
    expect(message(intoSlots)).toMatch(
      /^.*slot 3 is invalid \(package \d+, block 10, \d+ blocks\)$/
    );
    const pages = Buffer.from(ndb);
    pages.writeUInt32LE(0xffffffff, 12);
    expect(message(pages)).toMatch(/4294967295 slot pages do not fit/);
  });

  it('refuses two slots for one package and blobs that overlap', () => {
    const twice = Buffer.from(ndb);
    twice.writeUInt32LE(twice.readUInt32LE(FIRST_SLOT + 4), FIRST_SLOT + 16 + 4);
    expect(message(twice)).toMatch(/package \d+ has two slots/);
    const overlap = Buffer.from(ndb);
    overlap.writeUInt32LE(overlap.readUInt32LE(FIRST_SLOT + 8), FIRST_SLOT + 16 + 8);
    expect(message(overlap)).toBe(`${PREFIX}the blobs of slots 3 and 4 overlap`);
  });

  it('refuses damaged blob frames', () => {
    const blobAt = ndb.readUInt32LE(FIRST_SLOT + 8) * 16;
    const blocks = ndb.readUInt32LE(FIRST_SLOT + 12);
    const key = ndb.readUInt32LE(FIRST_SLOT + 4);
    const head = Buffer.from(ndb);
    head.write('BlbX', blobAt, 'latin1');
    expect(message(head)).toBe(`${PREFIX}blob of package ${key} has no BlbS magic`);
    const owner = Buffer.from(ndb);
    owner.writeUInt32LE(999, blobAt + 4);
    expect(message(owner)).toBe(`${PREFIX}blob of package ${key} says it belongs to package 999`);
    const length = Buffer.from(ndb);
    length.writeUInt32LE(0xffffff00, blobAt + 12);
    expect(message(length)).toMatch(/is 4294967040 bytes, which does not fit its \d+ blocks/);
    const tail = Buffer.from(ndb);
    tail.write('BlbX', blobAt + blocks * 16 - 4, 'latin1');
    expect(message(tail)).toBe(`${PREFIX}blob of package ${key} has a damaged tail`);
  });
});
