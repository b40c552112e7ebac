import type { InputError } from '../../../core/errors.js';
import type { HeaderBlob } from './db-blob.js';
import { MAX_HEADER_BYTES, MAX_PACKAGES, corrupt } from './db-blob.js';

/**
 * Reads the rpm `Packages` file of rpm before 4.16 (CentOS 7, Amazon Linux 2): a Berkeley DB
 * hash database whose keys are 4-byte package numbers and whose values are header blobs.
 * It walks the buckets the way rpm's own read-only reader (bdb_ro) does, so it sees exactly
 * what rpm would, and it marks every page it reads so that no page is read twice: a loop in
 * a page chain is an error, and a hostile file cannot make the work outgrow the file.
 */

const BDB_HASH_MAGIC = 0x061561;

const META_SIZE = 512;
const PAGE_HEADER_SIZE = 26;
/** A page checksum (db_load -c chksum=1) moves the item index past a pad and a 4-byte sum. */
const CHECKSUM_PAGE_HEADER_SIZE = 32;
const METAFLAG_CHECKSUM = 0x01;

const PageType = { hashUnsorted: 2, overflow: 7, hashMeta: 8, hash: 13 } as const;
const ItemType = { keyData: 1, duplicate: 2, offPage: 3, offPageDuplicate: 4, blob: 5 } as const;
const OFF_PAGE_ITEM_SIZE = 12;

interface Db {
  content: Buffer;
  path: string;
  littleEndian: boolean;
  pageSize: number;
  lastPage: number;
  headerSize: number;
  seen: Uint8Array;
}

/** Whether the bytes carry the Berkeley DB hash magic, in either byte order. */
export function isBerkeleyDbHash(content: Buffer): boolean {
  return (
    content.length >= 16 &&
    (content.readUInt32LE(12) === BDB_HASH_MAGIC || content.readUInt32BE(12) === BDB_HASH_MAGIC)
  );
}

export function readBerkeleyDb(content: Buffer, path: string): HeaderBlob[] {
  const { db, maxBucket, spares } = openDb(content, path);
  const blobs: HeaderBlob[] = [];
  for (let bucket = 0; bucket <= maxBucket; bucket++) {
    const spare = spares[bitLength(bucket)] ?? 0;
    let page = bucket + spare;
    do {
      const start = enterPage(db, page, 'hash bucket');
      const type = content[start + 25];
      if (type !== PageType.hash && type !== PageType.hashUnsorted) {
        throw fail(db, `page ${page} of bucket ${bucket} has type ${type}, not a hash page`);
      }
      readHashPage(db, start, page, blobs);
      page = u32(db, start + 16);
    } while (page !== 0);
  }
  return blobs;
}

function openDb(content: Buffer, path: string): { db: Db; maxBucket: number; spares: number[] } {
  const problem = (detail: string) => corrupt(path, 'Berkeley DB', detail);
  if (content.length < META_SIZE) {
    throw problem(`${content.length} bytes is shorter than the 512-byte metadata page`);
  }
  if (!isBerkeleyDbHash(content)) {
    throw problem('no hash magic 0x061561 at offset 12');
  }
  const littleEndian = content.readUInt32LE(12) === BDB_HASH_MAGIC;
  const read = (at: number) => (littleEndian ? content.readUInt32LE(at) : content.readUInt32BE(at));
  const version = read(16);
  if (version < 8 || version > 10) {
    throw problem(`hash version ${version} is not one rpm wrote (8 to 10)`);
  }
  const pageSize = read(20);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw problem(`page size ${pageSize} is not a power of two from 512 to 65536`);
  }
  if (content[24] !== 0) {
    throw problem('the database is encrypted');
  }
  if (content[25] !== PageType.hashMeta) {
    throw problem(`metadata page has type ${content[25]}, not hash metadata`);
  }
  const lastPage = read(32);
  const pages = Math.floor(content.length / pageSize);
  if (lastPage >= pages) {
    throw problem(`the metadata names page ${lastPage}, the file holds only ${pages} pages`);
  }
  const maxBucket = read(72);
  if (maxBucket > lastPage) {
    throw problem(`${maxBucket + 1} buckets cannot fit in ${lastPage + 1} pages`);
  }
  const spares = Array.from({ length: 32 }, (_, index) => read(96 + index * 4));
  const headerSize =
    ((content[26] ?? 0) & METAFLAG_CHECKSUM) !== 0 ? CHECKSUM_PAGE_HEADER_SIZE : PAGE_HEADER_SIZE;
  const db: Db = {
    content,
    path,
    littleEndian,
    pageSize,
    lastPage,
    headerSize,
    seen: new Uint8Array(lastPage + 1),
  };
  return { db, maxBucket, spares };
}

/** Checks a page number, marks the page read, and returns where the page starts. */
function enterPage(db: Db, page: number, role: string): number {
  if (page < 1 || page > db.lastPage) {
    throw fail(db, `${role} page ${page} is outside pages 1 to ${db.lastPage}`);
  }
  if (db.seen[page] === 1) {
    throw fail(db, `${role} page ${page} is reached twice (the page chain loops)`);
  }
  db.seen[page] = 1;
  const start = page * db.pageSize;
  const recorded = u32(db, start + 8);
  if (recorded !== page) {
    throw fail(db, `page ${page} says it is page ${recorded}`);
  }
  return start;
}

function readHashPage(db: Db, start: number, page: number, blobs: HeaderBlob[]): void {
  const entries = u16(db, start + 20);
  if (entries % 2 !== 0) {
    throw fail(db, `hash page ${page} holds ${entries} items, not key and value pairs`);
  }
  const indexEnd = db.headerSize + entries * 2;
  if (indexEnd > db.pageSize) {
    throw fail(db, `hash page ${page} claims ${entries} items, more than fit`);
  }
  let end = db.pageSize;
  const items: Buffer[] = [];
  for (let index = 0; index < entries; index++) {
    const offset = u16(db, start + db.headerSize + index * 2);
    // Items are stacked from the end of the page down, so each ends where the last began.
    if (offset < indexEnd || offset >= end) {
      throw fail(db, `hash page ${page} item ${index} at offset ${offset} is out of place`);
    }
    items.push(db.content.subarray(start + offset, start + end));
    end = offset;
  }
  for (let index = 0; index < entries; index += 2) {
    const key = readItem(db, items[index], page);
    const value = readItem(db, items[index + 1], page);
    if (key.length !== 4) {
      throw fail(db, `hash page ${page} has a ${key.length}-byte key, not a package number`);
    }
    const packageNumber = db.littleEndian ? key.readUInt32LE(0) : key.readUInt32BE(0);
    // Key 0 holds rpm's next-package-number counter, not a header.
    if (packageNumber === 0) {
      continue;
    }
    if (blobs.length >= MAX_PACKAGES) {
      throw fail(db, `more than ${MAX_PACKAGES} packages`);
    }
    blobs.push({ key: packageNumber, blob: value });
  }
}

function readItem(db: Db, item: Buffer | undefined, page: number): Buffer {
  const type = item?.[0];
  if (item === undefined || type === undefined) {
    throw fail(db, `hash page ${page} has an empty item`);
  }
  if (type === ItemType.keyData) {
    return item.subarray(1);
  }
  if (type === ItemType.offPage) {
    if (item.length !== OFF_PAGE_ITEM_SIZE) {
      throw fail(db, `hash page ${page} has a ${item.length}-byte off-page item, not 12`);
    }
    const read = (at: number) => (db.littleEndian ? item.readUInt32LE(at) : item.readUInt32BE(at));
    return readOverflow(db, read(4), read(8));
  }
  if (type === ItemType.duplicate || type === ItemType.offPageDuplicate) {
    throw fail(db, `hash page ${page} has duplicate values, which rpm never writes`);
  }
  if (type === ItemType.blob) {
    throw fail(db, `hash page ${page} has an external blob item, which rpm never writes`);
  }
  throw fail(db, `hash page ${page} has an item of unknown type ${type}`);
}

/** Gathers a value that lives on a chain of overflow pages, each holding the next piece. */
function readOverflow(db: Db, firstPage: number, length: number): Buffer {
  if (length === 0 || length > MAX_HEADER_BYTES || length > db.content.length) {
    throw fail(db, `overflow value of ${length} bytes is impossible`);
  }
  const pieces: Buffer[] = [];
  let remaining = length;
  let page = firstPage;
  while (remaining > 0) {
    if (page === 0) {
      throw fail(db, `overflow chain ends ${remaining} bytes short of ${length}`);
    }
    const start = enterPage(db, page, 'overflow');
    const type = db.content[start + 25];
    if (type !== PageType.overflow) {
      throw fail(db, `overflow chain reaches page ${page} of type ${type}`);
    }
    const pieceLength = u16(db, start + 22);
    if (db.headerSize + pieceLength > db.pageSize || pieceLength > remaining) {
      throw fail(db, `overflow page ${page} claims ${pieceLength} bytes`);
    }
    pieces.push(db.content.subarray(start + db.headerSize, start + db.headerSize + pieceLength));
    remaining -= pieceLength;
    page = u32(db, start + 16);
  }
  return Buffer.concat(pieces, length);
}

function u32(db: Db, at: number): number {
  return db.littleEndian ? db.content.readUInt32LE(at) : db.content.readUInt32BE(at);
}

function u16(db: Db, at: number): number {
  return db.littleEndian ? db.content.readUInt16LE(at) : db.content.readUInt16BE(at);
}

/** Number of bits needed to write n: Berkeley DB's splitpoint of a bucket. */
function bitLength(n: number): number {
  return n === 0 ? 0 : 32 - Math.clz32(n);
}

function fail(db: Db, detail: string): InputError {
  return corrupt(db.path, 'Berkeley DB', detail);
}
