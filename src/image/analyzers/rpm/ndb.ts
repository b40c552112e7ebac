import type { InputError } from '../../../core/errors.js';
import type { HeaderBlob } from './db-blob.js';
import { MAX_HEADER_BYTES, MAX_PACKAGES, corrupt } from './db-blob.js';

/**
 * Reads `Packages.db`, the package store of rpm's ndb backend (SUSE since rpm 4.16). The file
 * is little-endian throughout: a 32-byte header, then slot pages of 16-byte slots that name
 * each package's run of 16-byte blocks, then the blobs, each framed by a head ('BlbS',
 * package number, timestamp, length) and a tail at the end of its run (checksum, length,
 * 'BlbE'). The checks follow what rpm itself checks before trusting a slot or a blob.
 */

const MAGIC = 'RpmP';
const VERSION = 0;
const FILE_HEADER_SIZE = 32;
const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLOCK_SIZE = 16;
const SLOT_MAGIC = 'Slot';
const BLOB_HEAD_MAGIC = 'BlbS';
const BLOB_TAIL_MAGIC = 'BlbE';
const BLOB_HEAD_SIZE = 16;
const BLOB_TAIL_SIZE = 12;

interface Slot {
  slot: number;
  key: number;
  firstBlock: number;
  blocks: number;
}

export function isNdb(content: Buffer): boolean {
  return content.length >= 4 && content.toString('latin1', 0, 4) === MAGIC;
}

export function readNdb(content: Buffer, path: string): HeaderBlob[] {
  const fail = (detail: string): InputError => corrupt(path, 'ndb database', detail);
  if (content.length < FILE_HEADER_SIZE) {
    throw fail(`${content.length} bytes is shorter than the 32-byte file header`);
  }
  if (!isNdb(content)) {
    throw fail(`no ${MAGIC} magic at offset 0`);
  }
  const version = content.readUInt32LE(4);
  if (version !== VERSION) {
    throw fail(`version ${version} is not ${VERSION}`);
  }
  if (content.length % BLOCK_SIZE !== 0) {
    throw fail(`${content.length} bytes is not a whole number of 16-byte blocks (truncated?)`);
  }
  const slotPages = content.readUInt32LE(12);
  if (slotPages === 0 || slotPages * PAGE_SIZE > content.length) {
    throw fail(`${slotPages} slot pages do not fit in ${content.length} bytes`);
  }
  const slots = readSlots(content, slotPages, fail);
  checkNoOverlap(slots, fail);
  return slots
    .map((slot) => ({ key: slot.key, blob: readBlob(content, slot, fail) }))
    .sort((a, b) => a.key - b.key);
}

function readSlots(
  content: Buffer,
  slotPages: number,
  fail: (detail: string) => InputError
): Slot[] {
  const fileBlocks = content.length / BLOCK_SIZE;
  // Blobs live after the slot pages; a slot pointing into them is lying.
  const firstDataBlock = (slotPages * PAGE_SIZE) / BLOCK_SIZE;
  const slots: Slot[] = [];
  const keys = new Set<number>();
  for (let at = FILE_HEADER_SIZE; at < slotPages * PAGE_SIZE; at += SLOT_SIZE) {
    const slot = at / SLOT_SIZE;
    if (content.toString('latin1', at, at + 4) !== SLOT_MAGIC) {
      throw fail(`slot ${slot} has no ${SLOT_MAGIC} magic`);
    }
    const firstBlock = content.readUInt32LE(at + 8);
    if (firstBlock === 0) {
      continue;
    }
    const key = content.readUInt32LE(at + 4);
    const blocks = content.readUInt32LE(at + 12);
    if (key === 0 || blocks === 0 || firstBlock < firstDataBlock) {
      throw fail(`slot ${slot} is invalid (package ${key}, block ${firstBlock}, ${blocks} blocks)`);
    }
    if (firstBlock + blocks > fileBlocks) {
      throw fail(`slot ${slot} points past the end of the file (truncated?)`);
    }
    if (keys.has(key)) {
      throw fail(`package ${key} has two slots`);
    }
    if (slots.length >= MAX_PACKAGES) {
      throw fail(`more than ${MAX_PACKAGES} packages`);
    }
    keys.add(key);
    slots.push({ slot, key, firstBlock, blocks });
  }
  return slots;
}

/** Blobs never share blocks; refusing overlaps also bounds the bytes read by the file size. */
function checkNoOverlap(slots: Slot[], fail: (detail: string) => InputError): void {
  const byPosition = [...slots].sort((a, b) => a.firstBlock - b.firstBlock);
  let previous: Slot | undefined;
  for (const slot of byPosition) {
    if (previous !== undefined && slot.firstBlock < previous.firstBlock + previous.blocks) {
      throw fail(`the blobs of slots ${previous.slot} and ${slot.slot} overlap`);
    }
    previous = slot;
  }
}

function readBlob(content: Buffer, slot: Slot, fail: (detail: string) => InputError): Buffer {
  const start = slot.firstBlock * BLOCK_SIZE;
  const end = start + slot.blocks * BLOCK_SIZE;
  const what = `blob of package ${slot.key}`;
  if (slot.blocks * BLOCK_SIZE < BLOB_HEAD_SIZE + BLOB_TAIL_SIZE) {
    throw fail(`${what} is too short to hold its head and tail`);
  }
  if (content.toString('latin1', start, start + 4) !== BLOB_HEAD_MAGIC) {
    throw fail(`${what} has no ${BLOB_HEAD_MAGIC} magic`);
  }
  const recordedKey = content.readUInt32LE(start + 4);
  if (recordedKey !== slot.key) {
    throw fail(`${what} says it belongs to package ${recordedKey}`);
  }
  const length = content.readUInt32LE(start + 12);
  const neededBlocks = Math.ceil((BLOB_HEAD_SIZE + length + BLOB_TAIL_SIZE) / BLOCK_SIZE);
  if (length > MAX_HEADER_BYTES || neededBlocks !== slot.blocks) {
    throw fail(`${what} is ${length} bytes, which does not fit its ${slot.blocks} blocks`);
  }
  const tail = end - BLOB_TAIL_SIZE;
  if (
    content.readUInt32LE(tail + 4) !== length ||
    content.toString('latin1', tail + 8, tail + 12) !== BLOB_TAIL_MAGIC
  ) {
    throw fail(`${what} has a damaged tail`);
  }
  return content.subarray(start + BLOB_HEAD_SIZE, start + BLOB_HEAD_SIZE + length);
}
