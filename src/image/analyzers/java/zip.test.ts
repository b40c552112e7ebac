import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import {
  declareSize,
  javaArchives,
  type JavaArchives,
} from '../../../../test/harness/java-archives.js';
import { buildZip, zipOf } from '../../../../test/harness/zip-writer.js';
import { listZip, readZipEntry, type ZipEntry } from './zip.js';

const all = (): boolean => true;

function entryOf(bytes: Buffer, name: string): ZipEntry {
  const entry = listZip(bytes, 1000, (candidate) => candidate === name).entries[0];
  if (!entry) {
    throw new Error(`no ${name}`);
  }
  return entry;
}

function read(bytes: Buffer, name: string): string {
  return readZipEntry(bytes, entryOf(bytes, name)).toString('utf8');
}

/**
 * The zip64 form of a zip-writer archive (no extra fields, no comments): every central header
 * saturates its sizes and offset and carries them in a zip64 extra field, and the end record
 * saturates its counts and points to a zip64 end record and locator.
 */
function toZip64(bytes: Buffer): Buffer {
  const cdOffset = bytes.readUInt32LE(bytes.length - 22 + 16);
  const count = bytes.readUInt16LE(bytes.length - 22 + 10);
  const headers: Buffer[] = [];
  for (let at = cdOffset, index = 0; index < count; index++) {
    const nameLength = bytes.readUInt16LE(at + 28);
    const header = Buffer.from(bytes.subarray(at, at + 46 + nameLength));
    const extra = Buffer.alloc(28);
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeBigUInt64LE(BigInt(header.readUInt32LE(24)), 4);
    extra.writeBigUInt64LE(BigInt(header.readUInt32LE(20)), 12);
    extra.writeBigUInt64LE(BigInt(header.readUInt32LE(42)), 20);
    header.writeUInt32LE(0xffffffff, 20);
    header.writeUInt32LE(0xffffffff, 24);
    header.writeUInt32LE(0xffffffff, 42);
    header.writeUInt16LE(extra.length, 30);
    headers.push(header, extra);
    at += 46 + nameLength;
  }
  const central = Buffer.concat(headers);
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(central.length), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdOffset + central.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([bytes.subarray(0, cdOffset), central, record, locator, end]);
}

let fixtures: JavaArchives;

beforeAll(async () => {
  fixtures = await javaArchives();
});

describe('listZip', () => {
  it('lists a jar made by the JDK and reads its entries', () => {
    const listing = listZip(fixtures.greetingJar, 1000, all);

    expect(listing.entries.map((entry) => entry.name)).toEqual(
      expect.arrayContaining([
        'META-INF/MANIFEST.MF',
        'META-INF/maven/org.example/greeting/pom.properties',
      ])
    );
    expect(listing.count).toBe(listing.entries.length);
    expect(
      read(fixtures.greetingJar, 'META-INF/maven/org.example/greeting/pom.properties')
    ).toMatch(/^version=1\.0\.0$/m);
  });

  it('keeps only the entries asked for, and still counts the rest', () => {
    const bytes = zipOf([
      { name: 'a.txt', content: 'a' },
      { name: 'b.txt', content: 'b' },
      { name: 'c.txt', content: 'c' },
    ]);

    const listing = listZip(bytes, 1000, (name) => name === 'b.txt');

    expect(listing.count).toBe(3);
    expect(listing.entries.map((entry) => entry.name)).toEqual(['b.txt']);
  });

  it('reads a jar behind a launch script, as Spring Boot makes executable jars', () => {
    const listing = listZip(fixtures.executableBootJar, 1000, all);
    const prefix = fixtures.executableBootJar.length - fixtures.bootJar.length;

    expect(listing.entries.map((entry) => entry.name)).toEqual(
      listZip(fixtures.bootJar, 1000, all).entries.map((entry) => entry.name)
    );
    expect(listing.entries[0]?.localHeaderOffset).toBe(
      prefix + (listZip(fixtures.bootJar, 1000, all).entries[0]?.localHeaderOffset ?? NaN)
    );
    expect(read(fixtures.executableBootJar, 'META-INF/MANIFEST.MF')).toMatch(/Start-Class/);
  });

  it('reads zip64 end records and extra fields, also behind a prefix', () => {
    const plain = zipOf([
      { name: 'one.txt', content: 'first' },
      { name: 'two.txt', content: 'second entry', method: 'store' },
    ]);
    const zip64 = toZip64(plain);
    const prefixed = Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), zip64]);

    for (const bytes of [zip64, prefixed]) {
      const listing = listZip(bytes, 1000, all);
      expect(listing.entries.map((entry) => [entry.name, entry.uncompressedSize])).toEqual([
        ['one.txt', 5],
        ['two.txt', 12],
      ]);
      expect(read(bytes, 'two.txt')).toBe('second entry');
      expect(read(bytes, 'one.txt')).toBe('first');
    }
  });

  it('reads an empty archive', () => {
    expect(listZip(zipOf([]), 10, all)).toEqual({ count: 0, entries: [] });
  });

  it('refuses a directory listing more entries than the cap', () => {
    const bytes = zipOf([
      { name: 'a', content: '' },
      { name: 'b', content: '' },
    ]);

    expect(() => listZip(bytes, 1, all)).toThrow(/lists 2 entries, over the cap of 1/);
  });

  it.each([
    ['a text file', Buffer.from('hello, not a zip')],
    ['nothing at all', Buffer.alloc(0)],
    ['a truncated jar', Buffer.from('PK\u0003\u0004truncated')],
  ])('throws an InputError for %s', (_, bytes) => {
    expect(() => listZip(bytes, 10, all)).toThrow(InputError);
    expect(() => listZip(bytes, 10, all)).toThrow(/no end of central directory record/);
  });

  it('throws when the end record claims more entries than its directory can hold', () => {
    const bytes = Buffer.from(zipOf([{ name: 'a', content: 'x' }]));
    bytes.writeUInt16LE(500, bytes.length - 22 + 10);

    expect(() => listZip(bytes, 1000, all)).toThrow(/500 entries cannot fit/);
  });

  it('throws when the directory lies outside the file', () => {
    const bytes = Buffer.from(zipOf([{ name: 'a', content: 'x' }]));
    bytes.writeUInt32LE(0xfffff, bytes.length - 22 + 12);

    expect(() => listZip(bytes, 1000, all)).toThrow(/central directory lies outside the file/);
  });

  it('throws when a central header is not one', () => {
    const bytes = Buffer.from(zipOf([{ name: 'a', content: 'x' }]));
    const cdOffset = bytes.readUInt32LE(bytes.length - 22 + 16);
    bytes.writeUInt32LE(0xdeadbeef, cdOffset);

    expect(() => listZip(bytes, 1000, all)).toThrow(/entry 1 is missing or malformed/);
  });

  it('throws when a central header runs past the directory', () => {
    const bytes = Buffer.from(zipOf([{ name: 'a', content: 'x' }]));
    const cdOffset = bytes.readUInt32LE(bytes.length - 22 + 16);
    bytes.writeUInt16LE(200, cdOffset + 28);

    expect(() => listZip(bytes, 1000, all)).toThrow(/runs past the directory's end/);
  });

  it('throws when a saturated size has no zip64 field', () => {
    const bytes = Buffer.from(zipOf([{ name: 'a', content: 'x' }]));
    const cdOffset = bytes.readUInt32LE(bytes.length - 22 + 16);
    bytes.writeUInt32LE(0xffffffff, cdOffset + 24);

    expect(() => listZip(bytes, 1000, all)).toThrow(/zip64 extra field lacks the size/);
  });

  it('throws when the zip64 end record is missing', () => {
    const zip64 = Buffer.from(toZip64(zipOf([{ name: 'a', content: 'x' }])));
    const record = zip64.length - 22 - 20 - 56;
    zip64.writeUInt32LE(0, record);

    expect(() => listZip(zip64, 1000, all)).toThrow(/zip64 end of central directory record/);
  });

  it('decodes names as UTF-8, as java.util.zip does', () => {
    const listing = listZip(zipOf([{ name: 'résumé/naïve.txt', content: 'x' }]), 10, all);

    expect(listing.entries[0]?.name).toBe('résumé/naïve.txt');
  });
});

describe('readZipEntry', () => {
  it('returns a stored entry as a view of the archive, without copying', () => {
    const bytes = zipOf([{ name: 'a.jar', content: 'stored bytes', method: 'store' }]);
    const data = readZipEntry(bytes, entryOf(bytes, 'a.jar'));

    expect(data.toString()).toBe('stored bytes');
    expect(data.buffer).toBe(bytes.buffer);
  });

  it('stops an entry that inflates past the size it declares, at that size', () => {
    const built = buildZip([{ name: 'bomb', content: Buffer.alloc(4 * 1024 * 1024) }]);
    const bytes = declareSize(built, 'bomb', 100);

    expect(() => readZipEntry(bytes, entryOf(bytes, 'bomb'))).toThrow(
      /inflates to more than the 100 bytes it declares/
    );
  });

  it('refuses an entry that inflates to less than it declares', () => {
    const bytes = declareSize(buildZip([{ name: 'short', content: 'abc' }]), 'short', 10);

    expect(() => readZipEntry(bytes, entryOf(bytes, 'short'))).toThrow(
      /holds 3 bytes, not the 10 it declares/
    );
  });

  it('refuses an entry whose CRC-32 does not match', () => {
    const bytes = zipOf([{ name: 'a', content: 'content', crc32: crc32('other') }]);

    expect(() => readZipEntry(bytes, entryOf(bytes, 'a'))).toThrow(/CRC-32 does not match/);
  });

  it('refuses corrupt deflate data', () => {
    const built = buildZip([{ name: 'a', content: 'some text to deflate, some text to deflate' }]);
    const bytes = Buffer.from(built.bytes);
    const { dataOffset, dataLength } = built.layout[0] ?? { dataOffset: 0, dataLength: 0 };
    bytes.fill(0xff, dataOffset, dataOffset + dataLength);

    expect(() => readZipEntry(bytes, entryOf(bytes, 'a'))).toThrow(/compressed data is corrupt/);
  });

  it('refuses a stored entry whose sizes disagree', () => {
    const bytes = declareSize(
      buildZip([{ name: 'a', content: 'stored', method: 'store' }]),
      'a',
      3
    );

    expect(() => readZipEntry(bytes, entryOf(bytes, 'a'))).toThrow(
      /holds 6 bytes, not the 3 it declares/
    );
  });

  it('refuses encrypted entries and unknown compression methods', () => {
    const bytes = zipOf([{ name: 'a', content: 'x' }]);
    const entry = entryOf(bytes, 'a');

    expect(() => readZipEntry(bytes, { ...entry, encrypted: true })).toThrow(/encrypted/);
    expect(() => readZipEntry(bytes, { ...entry, method: 14 })).toThrow(
      /compression method 14 is not supported/
    );
  });

  it('refuses an entry whose local header is missing or whose data runs past the end', () => {
    const bytes = zipOf([{ name: 'a', content: 'x' }]);
    const entry = entryOf(bytes, 'a');

    expect(() => readZipEntry(bytes, { ...entry, localHeaderOffset: 7 })).toThrow(
      /local header is missing/
    );
    expect(() => readZipEntry(bytes, { ...entry, localHeaderOffset: bytes.length - 4 })).toThrow(
      /local header is missing/
    );
    expect(() => readZipEntry(bytes, { ...entry, compressedSize: bytes.length })).toThrow(
      /runs past the end of the archive/
    );
  });
});
