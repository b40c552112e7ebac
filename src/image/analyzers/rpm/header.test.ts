import { describe, expect, it } from 'vitest';
import { readHeader } from './header.js';
import { useRpmFixture, inputError } from '../../../../test/harness/rpm-fixtures.js';

const fixture = useRpmFixture();

const NAME = 1000;
const EPOCH = 1003;

/** A real header of the fixture, by package name, copied so a test may damage it. */
function headerOf(name: string): Buffer {
  for (const { blob } of fixture().blobs) {
    if (readHeader(blob, 'fixture').name === name) {
      return Buffer.from(blob);
    }
  }
  throw new Error(`fixture has no package ${name}`);
}

/** Where the index entry for a tag starts, so a test can rewrite its type, offset or count. */
function entryOf(blob: Buffer, tag: number): number {
  const count = blob.readUInt32BE(0);
  for (let index = 0; index < count; index++) {
    if (blob.readUInt32BE(8 + index * 16) === tag) {
      return 8 + index * 16;
    }
  }
  throw new Error(`header has no tag ${tag}`);
}

/** A header without a region, as rpm 3 wrote them: entries and a data store, nothing else. */
function legacyHeader(strings: [number, string][]): Buffer {
  const data = Buffer.concat(strings.map(([, value]) => Buffer.from(`${value}\0`)));
  const index = Buffer.alloc(8 + strings.length * 16);
  index.writeUInt32BE(strings.length, 0);
  index.writeUInt32BE(data.length, 4);
  let offset = 0;
  strings.forEach(([tag, value], position) => {
    const at = 8 + position * 16;
    index.writeUInt32BE(tag, at);
    index.writeUInt32BE(6, at + 4);
    index.writeInt32BE(offset, at + 8);
    index.writeUInt32BE(1, at + 12);
    offset += Buffer.byteLength(value) + 1;
  });
  return Buffer.concat([index, data]);
}

describe('readHeader', () => {
  it('reads every field rpm prints from headers rpm wrote', () => {
    const read = fixture().blobs.map(({ blob }) => readHeader(blob, 'fixture'));
    for (const queried of fixture().queried) {
      // The file lists are checked against `rpm -qal` in index.test.ts.
      const fields = { ...read.find((header) => header.name === queried.name), files: undefined };
      expect(fields).toEqual({
        name: queried.name,
        version: queried.version,
        release: queried.release,
        epoch: queried.epoch,
        arch: queried.arch,
        sourceRpm: queried.sourceRpm,
        license: queried.license,
        vendor: queried.vendor,
      });
    }
    expect(read).toHaveLength(fixture().queried.length);
  });

  it('starts real headers with the immutable region, whose trailer it checks', () => {
    const blob = headerOf('alpha');
    expect(blob.readUInt32BE(8)).toBe(63);
    const dataStart = 8 + blob.readUInt32BE(0) * 16;
    const trailer = dataStart + blob.readInt32BE(16);
    blob.writeUInt32BE(62, trailer);
    expect(inputError(() => readHeader(blob, 'db: package 1')).message).toBe(
      'db: package 1: corrupt rpm header: region trailer does not repeat the region entry'
    );
  });

  it('reads a legacy header without a region', () => {
    const blob = legacyHeader([
      [NAME, 'old'],
      [1001, '1.0'],
      [1002, '2'],
    ]);
    expect(readHeader(blob, 'db')).toMatchObject({ name: 'old', version: '1.0', release: '2' });
  });

  it('refuses an index entry pointing outside the data store', () => {
    const blob = headerOf('alpha');
    blob.writeInt32BE(blob.readUInt32BE(4) + 100, entryOf(blob, NAME) + 8);
    expect(inputError(() => readHeader(blob, 'db: package 1')).message).toMatch(
      /^db: package 1: corrupt rpm header: index entry \d+ \(tag 1000\) points outside the \d+-byte data store/
    );
    blob.writeInt32BE(-4, entryOf(blob, NAME) + 8);
    expect(inputError(() => readHeader(blob, 'db')).message).toMatch(/points outside/);
  });

  it('refuses a count that runs past the data store', () => {
    const blob = headerOf('beta');
    blob.writeUInt32BE(0x40000000, entryOf(blob, EPOCH) + 12);
    expect(inputError(() => readHeader(blob, 'db')).message).toMatch(/tag 1003.*points outside/);
  });

  it('refuses a truncated blob and an impossible entry count', () => {
    const blob = headerOf('alpha');
    expect(inputError(() => readHeader(blob.subarray(0, blob.length - 1), 'db')).message).toMatch(
      /need \d+ bytes, the blob has \d+/
    );
    expect(inputError(() => readHeader(blob.subarray(0, 5), 'db')).message).toMatch(
      /shorter than the 8-byte preamble/
    );
    blob.writeUInt32BE(0xffffffff, 0);
    expect(inputError(() => readHeader(blob, 'db')).message).toMatch(
      /4294967295 index entries is more than rpm allows/
    );
  });

  it('refuses unknown types and tags of the wrong type', () => {
    const blob = headerOf('beta');
    blob.writeUInt32BE(6, entryOf(blob, EPOCH) + 4);
    expect(inputError(() => readHeader(blob, 'db')).message).toMatch(
      /tag 1003 has type 6, not a 32-bit integer/
    );
    blob.writeUInt32BE(42, entryOf(blob, EPOCH) + 4);
    expect(inputError(() => readHeader(blob, 'db')).message).toMatch(/has unknown type 42/);
  });

  it('refuses a string with no terminating NUL', () => {
    const blob = legacyHeader([[NAME, 'name']]);
    blob[blob.length - 1] = 0x41;
    expect(inputError(() => readHeader(blob, 'db')).message).toMatch(
      /tag 1000 string runs past the end of the data store/
    );
  });
});
