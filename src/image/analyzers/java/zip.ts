import { crc32, inflateRawSync } from 'node:zlib';
import { InputError } from '../../../core/errors.js';

/**
 * A zip reader over bytes already in memory, for jars and the archives nested in them. It reads
 * the central directory (zip64 included) and inflates only the entries asked for, each capped
 * at the size its directory entry declares, so a lying entry stops at once. It is synchronous
 * and allocates nothing for entries nobody asked for, which matters for fat jars of a million
 * classes. It also accepts bytes before the archive proper: Spring Boot's "fully executable"
 * jars start with a shell script, and every offset inside is relative to where the zip begins.
 */
export interface ZipEntry {
  /** Decoded as UTF-8, as `java.util.zip` reads jar entry names, flag or no flag. */
  name: string;
  encrypted: boolean;
  /** 0 stored, 8 deflated; others are refused when read. */
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts in the bytes (any leading script included). */
  localHeaderOffset: number;
}

export interface ZipListing {
  /** Every entry the directory lists. */
  count: number;
  /** The entries `keep` chose, in directory order. */
  entries: ZipEntry[];
}

const endSignature = 0x06054b50;
const zip64LocatorSignature = 0x07064b50;
const zip64EndSignature = 0x06064b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;
const endSize = 22;
const zip64LocatorSize = 20;
const zip64EndSize = 56;
const centralSize = 46;
const localSize = 30;
const saturated16 = 0xffff;
const saturated32 = 0xffffffff;
const zip64ExtraId = 0x0001;

function corrupt(reason: string): InputError {
  return new InputError(`not a readable zip archive: ${reason}`);
}

/** Reads a little-endian 64-bit size or offset; nothing in a 512 MiB file can need more than 2^53. */
function readSize64(bytes: Buffer, at: number): number {
  const value = bytes.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw corrupt('a zip64 size is out of range');
  }
  return Number(value);
}

/** The end record sits in the last 64 KiB + 22 bytes (its comment may take up to 64 KiB). */
function findEnd(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - endSize - saturated16);
  for (let at = bytes.length - endSize; at >= lowest; at--) {
    if (
      bytes.readUInt32LE(at) === endSignature &&
      at + endSize + bytes.readUInt16LE(at + 20) <= bytes.length
    ) {
      return at;
    }
  }
  throw corrupt('no end of central directory record (truncated, or not a zip)');
}

interface Directory {
  count: number;
  /** The central directory lies in [start, end). */
  start: number;
  end: number;
  /** Bytes before the zip proper, added to every offset the archive states. */
  prefix: number;
}

function locateDirectory(bytes: Buffer): Directory {
  const end = findEnd(bytes);
  let count = bytes.readUInt16LE(end + 10);
  let size = bytes.readUInt32LE(end + 12);
  let offset = bytes.readUInt32LE(end + 16);
  let directoryEnd = end;
  const locator = end - zip64LocatorSize;
  const needs64 = count === saturated16 || size === saturated32 || offset === saturated32;
  if (needs64 && locator >= 0 && bytes.readUInt32LE(locator) === zip64LocatorSignature) {
    const record = findZip64End(bytes, locator);
    count = readSize64(bytes, record + 32);
    size = readSize64(bytes, record + 40);
    offset = readSize64(bytes, record + 48);
    directoryEnd = record;
  }
  const start = directoryEnd - size;
  // The directory ends where the end record starts; anything before the offset it states is a
  // prefix (a launch script), never a reason to read before the first byte.
  if (start < 0 || start < offset) {
    throw corrupt('the central directory lies outside the file (truncated?)');
  }
  if (count > size / centralSize) {
    throw corrupt(`${count} entries cannot fit in a ${size}-byte central directory`);
  }
  return { count, start, end: directoryEnd, prefix: start - offset };
}

/**
 * The zip64 end record is where its locator says, unless a prefix shifted it; then it is the
 * record that ends right at the locator. Either way its own length field must agree.
 */
function findZip64End(bytes: Buffer, locator: number): number {
  const stated = readSize64(bytes, locator + 8);
  for (const at of [stated, locator - zip64EndSize]) {
    if (
      at >= 0 &&
      at + zip64EndSize <= locator &&
      bytes.readUInt32LE(at) === zip64EndSignature &&
      at + 12 + readSize64(bytes, at + 4) === locator
    ) {
      return at;
    }
  }
  throw corrupt('the zip64 end of central directory record is missing');
}

/**
 * Lists the central directory. Every entry is checked; only those `keep` wants (by name) are
 * returned, so a million-entry jar costs one pass and a handful of objects.
 */
export function listZip(
  bytes: Buffer,
  maxEntries: number,
  keep: (name: string) => boolean
): ZipListing {
  const directory = locateDirectory(bytes);
  if (directory.count > maxEntries) {
    throw new InputError(`lists ${directory.count} entries, over the cap of ${maxEntries}`);
  }
  const entries: ZipEntry[] = [];
  let at = directory.start;
  for (let index = 0; index < directory.count; index++) {
    if (at + centralSize > directory.end || bytes.readUInt32LE(at) !== centralSignature) {
      throw corrupt(`central directory entry ${index + 1} is missing or malformed`);
    }
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraStart = at + centralSize + nameLength;
    const extraEnd = extraStart + bytes.readUInt16LE(at + 30);
    const next = extraEnd + bytes.readUInt16LE(at + 32);
    if (next > directory.end) {
      throw corrupt(`central directory entry ${index + 1} runs past the directory's end`);
    }
    const name = bytes.toString('utf8', at + centralSize, extraStart);
    if (keep(name)) {
      entries.push(centralEntry(bytes, at, name, bytes.subarray(extraStart, extraEnd), directory));
    }
    at = next;
  }
  return { count: directory.count, entries };
}

function centralEntry(
  bytes: Buffer,
  at: number,
  name: string,
  extra: Buffer,
  directory: Directory
): ZipEntry {
  let uncompressedSize = bytes.readUInt32LE(at + 24);
  let compressedSize = bytes.readUInt32LE(at + 20);
  let localHeaderOffset = bytes.readUInt32LE(at + 42);
  if (
    uncompressedSize === saturated32 ||
    compressedSize === saturated32 ||
    localHeaderOffset === saturated32
  ) {
    // The zip64 extra field holds, in this order, only the values that are saturated.
    const field = zip64Field(extra);
    let offset = 0;
    const next = (what: string): number => {
      if (field === undefined || offset + 8 > field.length) {
        throw corrupt(`${name}: the zip64 extra field lacks the ${what}`);
      }
      offset += 8;
      return readSize64(field, offset - 8);
    };
    uncompressedSize = uncompressedSize === saturated32 ? next('size') : uncompressedSize;
    compressedSize = compressedSize === saturated32 ? next('compressed size') : compressedSize;
    localHeaderOffset =
      localHeaderOffset === saturated32 ? next('header offset') : localHeaderOffset;
  }
  return {
    name,
    encrypted: (bytes.readUInt16LE(at + 8) & 1) !== 0,
    method: bytes.readUInt16LE(at + 10),
    crc32: bytes.readUInt32LE(at + 16),
    compressedSize,
    uncompressedSize,
    localHeaderOffset: directory.prefix + localHeaderOffset,
  };
}

function zip64Field(extra: Buffer): Buffer | undefined {
  for (let at = 0; at + 4 <= extra.length;) {
    const size = extra.readUInt16LE(at + 2);
    if (at + 4 + size > extra.length) {
      return undefined;
    }
    if (extra.readUInt16LE(at) === zip64ExtraId) {
      return extra.subarray(at + 4, at + 4 + size);
    }
    at += 4 + size;
  }
  return undefined;
}

/**
 * An entry's content. Stored entries are a view of `bytes`, not a copy; deflated ones inflate
 * to at most the size the entry declares (callers check that size against their caps first).
 * The CRC-32 is checked: flipped bytes can inflate cleanly to wrong text. Failures throw an
 * InputError saying what is wrong with the entry.
 */
export function readZipEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + localSize > bytes.length || bytes.readUInt32LE(at) !== localSignature) {
    throw new InputError('its local header is missing (truncated or corrupt archive)');
  }
  const start = at + localSize + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressedSize > bytes.length) {
    throw new InputError('its data runs past the end of the archive (truncated?)');
  }
  if (entry.encrypted) {
    throw new InputError('it is encrypted');
  }
  const raw = bytes.subarray(start, start + entry.compressedSize);
  const data = decompress(raw, entry);
  if (data.length !== entry.uncompressedSize) {
    throw new InputError(
      `it holds ${data.length} bytes, not the ${entry.uncompressedSize} it declares`
    );
  }
  if (crc32(data) !== entry.crc32) {
    throw new InputError('its CRC-32 does not match its data');
  }
  return data;
}

function decompress(raw: Buffer, entry: ZipEntry): Buffer {
  if (entry.method === 0) {
    return raw;
  }
  if (entry.method !== 8) {
    throw new InputError(`its compression method ${entry.method} is not supported`);
  }
  try {
    // zlib refuses a limit of 0; an empty entry that inflates to 1 byte fails the size check.
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InputError(
        `it inflates to more than the ${entry.uncompressedSize} bytes it declares (a zip bomb?)`,
        { cause: error }
      );
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`its compressed data is corrupt: ${reason}`, { cause: error });
  }
}
