import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for tests: local headers, data, central directory and end record,
 * nothing else (no zip64, no data descriptors, no extra fields). Hand-rolled rather than a
 * library so tests can write what a library would refuse to (`../evil.json`, a CRC that lies)
 * and know exactly where each entry's bytes sit, to corrupt them.
 */
export interface ZipEntrySpec {
  /** Written exactly as given, hostile names too. */
  name: string;
  content: string | Buffer;
  /** `deflate` by default, as OSV's all.zip is written. */
  method?: 'deflate' | 'store';
  /** Overrides the CRC-32 written in both headers, to build an entry whose data is corrupt. */
  crc32?: number;
}

export interface ZipEntryLayout {
  name: string;
  /** Offset of the entry's (compressed) data in the archive, and its length. */
  dataOffset: number;
  dataLength: number;
}

export interface BuiltZip {
  bytes: Buffer;
  layout: ZipEntryLayout[];
}

const localHeaderSignature = 0x04034b50;
const centralHeaderSignature = 0x02014b50;
const endOfCentralDirectorySignature = 0x06054b50;
/** General purpose bit 11: the name is UTF-8. */
const utf8NameFlag = 0x0800;
/** 1980-01-01 00:00 in DOS date/time, so archives are byte-for-byte reproducible. */
const dosDate = (0 << 9) | (1 << 5) | 1;
const dosTime = 0;

interface WrittenEntry {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

function localHeader(entry: WrittenEntry): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(localHeaderSignature, 0);
  header.writeUInt16LE(20, 4); // version needed to extract
  header.writeUInt16LE(utf8NameFlag, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(dosTime, 10);
  header.writeUInt16LE(dosDate, 12);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.compressedSize, 18);
  header.writeUInt32LE(entry.uncompressedSize, 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28); // extra field length
  return Buffer.concat([header, entry.name]);
}

function centralHeader(entry: WrittenEntry): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(centralHeaderSignature, 0);
  header.writeUInt16LE(0x0314, 4); // made by: Unix, spec 2.0
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(utf8NameFlag, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(dosTime, 12);
  header.writeUInt16LE(dosDate, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.uncompressedSize, 24);
  header.writeUInt16LE(entry.name.length, 28);
  // Extra field, comment, disk number, internal attributes: all zero.
  header.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file
  header.writeUInt32LE(entry.localHeaderOffset, 42);
  return Buffer.concat([header, entry.name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(endOfCentralDirectorySignature, 0);
  record.writeUInt16LE(count, 8);
  record.writeUInt16LE(count, 10);
  record.writeUInt32LE(size, 12);
  record.writeUInt32LE(offset, 16);
  return record;
}

/** Builds an archive and says where each entry's data lies. */
export function buildZip(entries: readonly ZipEntrySpec[]): BuiltZip {
  const parts: Buffer[] = [];
  const written: WrittenEntry[] = [];
  const layout: ZipEntryLayout[] = [];
  let offset = 0;
  for (const spec of entries) {
    const content = Buffer.from(spec.content);
    const deflate = (spec.method ?? 'deflate') === 'deflate';
    const data = deflate ? deflateRawSync(content) : content;
    const entry: WrittenEntry = {
      name: Buffer.from(spec.name, 'utf8'),
      method: deflate ? 8 : 0,
      crc: spec.crc32 ?? crc32(content),
      compressedSize: data.length,
      uncompressedSize: content.length,
      localHeaderOffset: offset,
    };
    const header = localHeader(entry);
    parts.push(header, data);
    layout.push({ name: spec.name, dataOffset: offset + header.length, dataLength: data.length });
    written.push(entry);
    offset += header.length + data.length;
  }
  const central = Buffer.concat(written.map(centralHeader));
  parts.push(central, endOfCentralDirectory(written.length, central.length, offset));
  return { bytes: Buffer.concat(parts), layout };
}

export function zipOf(entries: readonly ZipEntrySpec[]): Buffer {
  return buildZip(entries).bytes;
}
