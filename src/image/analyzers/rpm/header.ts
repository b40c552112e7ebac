import { InputError } from '../../../core/errors.js';
import { MAX_HEADER_BYTES } from './db-blob.js';

/**
 * Reads the few tags a package record needs from an rpm header blob, the form every rpm
 * database stores: a big-endian index count and data length, the index entries (tag, type,
 * offset, count, 16 bytes each), then the data store the offsets point into. There is no
 * lead and no magic, which is why the shape itself is checked so closely.
 */
export interface HeaderFields {
  name?: string;
  version?: string;
  release?: string;
  epoch?: number;
  arch?: string;
  sourceRpm?: string;
  license?: string;
  vendor?: string;
  /** Installed paths, absolute as rpm writes them (`/usr/bin/ls`). */
  files?: string[];
}

/** Tag numbers from rpm's rpmtag.h. */
const Tag = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  vendor: 1011,
  license: 1014,
  arch: 1022,
  sourceRpm: 1044,
  oldFileNames: 1027,
  dirIndexes: 1116,
  baseNames: 1117,
  dirNames: 1118,
} as const;

/** RPMTAG_HEADERIMMUTABLE: the region entry that rpm puts first in an installed header. */
const REGION_TAG = 63;
const ENTRY_SIZE = 16;
const PREAMBLE_SIZE = 8;
/** rpm's own ceiling on index entries (hdrchkTags). */
const MAX_ENTRIES = 0xffff;

const Type = { int32: 4, string: 6, bin: 7, stringArray: 8, i18nString: 9 } as const;
/** Bytes per item of the fixed-size types, by type number; strings are variable (-1). */
const ITEM_SIZE = [0, 1, 1, 2, 4, 8, -1, 1, -1, -1] as const;

interface Entry {
  type: number;
  offset: number;
  count: number;
}

interface Blob {
  bytes: Buffer;
  where: string;
  dataStart: number;
  dataLength: number;
}

function fail(where: string, detail: string): InputError {
  return new InputError(`${where}: corrupt rpm header: ${detail}`);
}

export function readHeader(bytes: Buffer, where: string): HeaderFields {
  if (bytes.length < PREAMBLE_SIZE) {
    throw fail(where, `${bytes.length} bytes is shorter than the 8-byte preamble`);
  }
  if (bytes.length > MAX_HEADER_BYTES) {
    throw fail(where, `${bytes.length} bytes is larger than rpm allows`);
  }
  const entryCount = bytes.readUInt32BE(0);
  const dataLength = bytes.readUInt32BE(4);
  if (entryCount > MAX_ENTRIES) {
    throw fail(where, `${entryCount} index entries is more than rpm allows`);
  }
  const dataStart = PREAMBLE_SIZE + entryCount * ENTRY_SIZE;
  if (dataStart + dataLength !== bytes.length) {
    throw fail(
      where,
      `${entryCount} entries and ${dataLength} data bytes need ${dataStart + dataLength} bytes, the blob has ${bytes.length}`
    );
  }
  const blob: Blob = { bytes, where, dataStart, dataLength };
  const entries = readEntries(blob, entryCount);
  return {
    name: readString(blob, entries.get(Tag.name), Tag.name),
    version: readString(blob, entries.get(Tag.version), Tag.version),
    release: readString(blob, entries.get(Tag.release), Tag.release),
    epoch: readInt32(blob, entries.get(Tag.epoch), Tag.epoch),
    arch: readString(blob, entries.get(Tag.arch), Tag.arch),
    sourceRpm: readString(blob, entries.get(Tag.sourceRpm), Tag.sourceRpm),
    license: readString(blob, entries.get(Tag.license), Tag.license),
    vendor: readString(blob, entries.get(Tag.vendor), Tag.vendor),
    files: readFiles(blob, entries),
  };
}

/**
 * rpm 4 stores paths split: BASENAMES[i] lives in DIRNAMES[DIRINDEXES[i]]. Older headers keep
 * whole paths in OLDFILENAMES.
 */
function readFiles(blob: Blob, entries: Map<number, Entry>): string[] | undefined {
  const baseNames = readStrings(blob, entries.get(Tag.baseNames), Tag.baseNames);
  if (baseNames === undefined) {
    return readStrings(blob, entries.get(Tag.oldFileNames), Tag.oldFileNames);
  }
  const dirNames = readStrings(blob, entries.get(Tag.dirNames), Tag.dirNames) ?? [];
  const dirIndexes = readInt32s(blob, entries.get(Tag.dirIndexes), Tag.dirIndexes) ?? [];
  if (dirIndexes.length !== baseNames.length) {
    throw fail(blob.where, `${baseNames.length} BASENAMES but ${dirIndexes.length} DIRINDEXES`);
  }
  return baseNames.map((base, index) => {
    const dir = dirNames[dirIndexes[index] ?? -1];
    if (dir === undefined) {
      throw fail(
        blob.where,
        `file ${index} points at directory ${dirIndexes[index]}, which is not listed`
      );
    }
    return `${dir}${base}`;
  });
}

function readStrings(blob: Blob, entry: Entry | undefined, tag: number): string[] | undefined {
  if (entry === undefined) {
    return undefined;
  }
  if (entry.type !== Type.stringArray) {
    throw fail(blob.where, `tag ${tag} has type ${entry.type}, not a string array`);
  }
  const strings: string[] = [];
  const end = blob.dataStart + blob.dataLength;
  let start = blob.dataStart + entry.offset;
  for (let index = 0; index < entry.count; index++) {
    const nul = blob.bytes.indexOf(0, start);
    if (nul < 0 || nul >= end) {
      throw fail(blob.where, `tag ${tag} string ${index} runs past the end of the data store`);
    }
    strings.push(blob.bytes.toString('utf8', start, nul));
    start = nul + 1;
  }
  return strings;
}

function readInt32s(blob: Blob, entry: Entry | undefined, tag: number): number[] | undefined {
  if (entry === undefined) {
    return undefined;
  }
  if (entry.type !== Type.int32) {
    throw fail(blob.where, `tag ${tag} has type ${entry.type}, not a 32-bit integer`);
  }
  const start = blob.dataStart + entry.offset;
  return Array.from({ length: entry.count }, (_, index) =>
    blob.bytes.readUInt32BE(start + index * 4)
  );
}

/** Checks every entry against the data store and keeps the first entry of each tag. */
function readEntries(blob: Blob, entryCount: number): Map<number, Entry> {
  const entries = new Map<number, Entry>();
  for (let index = 0; index < entryCount; index++) {
    const at = PREAMBLE_SIZE + index * ENTRY_SIZE;
    const tag = blob.bytes.readUInt32BE(at);
    const entry: Entry = {
      type: blob.bytes.readUInt32BE(at + 4),
      offset: blob.bytes.readInt32BE(at + 8),
      count: blob.bytes.readUInt32BE(at + 12),
    };
    checkEntry(blob, index, tag, entry);
    if (index === 0 && tag === REGION_TAG) {
      checkRegionTrailer(blob, entry, entryCount);
    }
    if (!entries.has(tag)) {
      entries.set(tag, entry);
    }
  }
  return entries;
}

function checkEntry(blob: Blob, index: number, tag: number, entry: Entry): void {
  const itemSize = ITEM_SIZE[entry.type];
  if (itemSize === undefined) {
    throw fail(blob.where, `index entry ${index} (tag ${tag}) has unknown type ${entry.type}`);
  }
  // Variable-length items take at least one byte each (their terminating NUL).
  const size = entry.count * Math.max(itemSize, 1);
  if (entry.offset < 0 || entry.offset + size > blob.dataLength) {
    throw fail(
      blob.where,
      `index entry ${index} (tag ${tag}) points outside the ${blob.dataLength}-byte data store (offset ${entry.offset}, count ${entry.count})`
    );
  }
}

/**
 * The region entry points at a trailer: a copy of itself whose negative offset spans the
 * entries the region covers. rpm rejects a header whose trailer disagrees, and so do we.
 */
function checkRegionTrailer(blob: Blob, region: Entry, entryCount: number): void {
  if (region.type !== Type.bin || region.count !== ENTRY_SIZE) {
    throw fail(blob.where, `region entry has type ${region.type} and count ${region.count}`);
  }
  const at = blob.dataStart + region.offset;
  const tag = blob.bytes.readUInt32BE(at);
  const type = blob.bytes.readUInt32BE(at + 4);
  const span = -blob.bytes.readInt32BE(at + 8);
  const count = blob.bytes.readUInt32BE(at + 12);
  if (tag !== REGION_TAG || type !== Type.bin || count !== ENTRY_SIZE) {
    throw fail(blob.where, 'region trailer does not repeat the region entry');
  }
  if (span <= 0 || span % ENTRY_SIZE !== 0 || span / ENTRY_SIZE > entryCount) {
    throw fail(blob.where, `region trailer spans ${span} bytes of a ${entryCount}-entry index`);
  }
}

function readString(blob: Blob, entry: Entry | undefined, tag: number): string | undefined {
  if (entry === undefined) {
    return undefined;
  }
  // An i18n string or string array holds several strings; the first is the default.
  if (
    entry.type !== Type.string &&
    entry.type !== Type.i18nString &&
    entry.type !== Type.stringArray
  ) {
    throw fail(blob.where, `tag ${tag} has type ${entry.type}, not a string`);
  }
  if (entry.count === 0) {
    return undefined;
  }
  const start = blob.dataStart + entry.offset;
  const end = blob.dataStart + blob.dataLength;
  const nul = blob.bytes.indexOf(0, start);
  if (nul < 0 || nul >= end) {
    throw fail(blob.where, `tag ${tag} string runs past the end of the data store`);
  }
  return blob.bytes.toString('utf8', start, nul);
}

function readInt32(blob: Blob, entry: Entry | undefined, tag: number): number | undefined {
  if (entry === undefined) {
    return undefined;
  }
  if (entry.type !== Type.int32) {
    throw fail(blob.where, `tag ${tag} has type ${entry.type}, not a 32-bit integer`);
  }
  if (entry.count === 0) {
    return undefined;
  }
  return blob.bytes.readUInt32BE(blob.dataStart + entry.offset);
}
