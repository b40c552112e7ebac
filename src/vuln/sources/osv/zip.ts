import { crc32, inflateRawSync } from 'node:zlib';
import { fstat, open } from 'node:fs';
import { promisify } from 'node:util';
import {
  fromRandomAccessReaderPromise,
  getFileNameLowLevel,
  validateFileName,
  type Entry,
  type ZipFile,
} from 'yauzl';
import { describeError, InputError } from '../../../core/errors.js';
import type { SourceContext, SourceItem } from '../../source/types.js';
import { formatOf, itemsFromDocument } from './documents.js';
import { maxRecordBytes, maxZipEntries } from './limits.js';
import { WindowReader } from './window-reader.js';

/** `PK\x03\x04` opens a zip with entries; `PK\x05\x06` is the end record an empty zip is. */
export function isZip(head: Uint8Array): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 0x03 && head[3] === 0x04) || (head[2] === 0x05 && head[3] === 0x06))
  );
}

/**
 * The records of a zip such as OSV's per-ecosystem `all.zip`, one entry at a time: an entry
 * is inflated into memory, parsed and yielded before the next is read, so memory holds one
 * record whatever the size of the archive. Nothing is ever written to disk.
 *
 * An archive whose structure is broken (no end record, a central directory that lies) throws
 * InputError: how many records it held is unknown, so nothing built from it would be
 * complete. A single entry whose data is corrupt (inflate fails, wrong size, wrong CRC-32) is
 * an error item, and the entries after it are still read: the central directory says where
 * each one starts, so one bad entry does not disturb the others.
 */
export async function* readZip(
  path: string,
  name: string,
  context: SourceContext
): AsyncGenerator<SourceItem> {
  const zip = await openZip(path, name);
  try {
    if (zip.entryCount > maxZipEntries) {
      throw new InputError(
        `${name} lists ${zip.entryCount} entries, over the cap of ${maxZipEntries}`
      );
    }
    const entries = zip.eachEntry();
    while (true) {
      context.signal?.throwIfAborted();
      let next: IteratorResult<Entry>;
      try {
        next = await entries.next();
      } catch (error) {
        throw new InputError(`${name} is a corrupt zip archive: ${describeError(error)}`, {
          cause: error,
        });
      }
      if (next.done === true) {
        return;
      }
      yield* entryItems(zip, next.value, name, context);
    }
  } finally {
    zip.close();
  }
}

const openFd = promisify(open);
const fstatFd = promisify(fstat);

async function openZip(path: string, name: string): Promise<ZipFile> {
  // A bare descriptor, not a FileHandle: the reader closes it when yauzl closes the archive,
  // and a FileHandle would try to close it again when collected.
  const fd = await openFd(path, 'r');
  const { size } = await fstatFd(fd);
  const reader = new WindowReader(fd, size);
  try {
    return await fromRandomAccessReaderPromise(reader, size, {
      lazyEntries: true,
      // Closed by us in readZip's finally, also when the consumer stops early.
      autoClose: false,
      // Names are decoded and checked below, so a hostile name is one error item; with
      // decodeStrings yauzl would fail the whole archive on it.
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw new InputError(`${name} is not a readable zip archive: ${describeError(error)}`, {
      cause: error,
    });
  }
}

async function* entryItems(
  zip: ZipFile,
  entry: Entry,
  archive: string,
  context: SourceContext
): AsyncGenerator<SourceItem> {
  const entryName = getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    false
  );
  const origin = `${archive}:${entryName}`;
  const format = formatOf(entryName);
  const refused = validateFileName(entryName);
  if (refused !== null) {
    // Never extracted anyway, but a `../` name says the archive was built to attack an
    // unzipper, and the user should hear of it.
    yield { kind: 'error', origin, message: `entry refused: ${refused}` };
  } else if (entryName.endsWith('/') || !format) {
    context.logger.debug({ origin }, 'osv: skipping a zip entry that is not OSV');
  } else if (entry.isEncrypted()) {
    yield { kind: 'error', origin, message: 'entry is encrypted' };
  } else if (entry.uncompressedSize > maxRecordBytes) {
    const message = `entry is ${entry.uncompressedSize} bytes, over the ${maxRecordBytes}-byte cap for one record`;
    yield { kind: 'error', origin, message };
  } else {
    const data = await readEntry(zip, entry);
    if (!data.ok) {
      yield { kind: 'error', origin, message: data.message };
    } else {
      yield* itemsFromDocument(data.bytes, format, origin);
    }
  }
}

type EntryData = { ok: true; bytes: Buffer } | { ok: false; message: string };

/**
 * Reads an entry's raw bytes and inflates them in one call: a zlib stream per entry costs
 * more to set up than a small OSV record costs to inflate, and dominated the import. The
 * output is capped, so a bomb stops at `maxRecordBytes`. yauzl does not check the CRC-32, so
 * it is checked here: flipped bytes can inflate cleanly to wrong text.
 */
async function readEntry(zip: ZipFile, entry: Entry): Promise<EntryData> {
  let raw: Buffer;
  try {
    if (entry.compressedSize > maxRecordBytes) {
      return {
        ok: false,
        message: `entry is ${entry.compressedSize} bytes compressed, over the ${maxRecordBytes}-byte cap`,
      };
    }
    const stream = await zip.openReadStreamPromise(entry, { decodeFileData: false });
    raw = Buffer.concat(await stream.toArray());
  } catch (error) {
    return { ok: false, message: `entry is corrupt: ${describeError(error)}` };
  }
  let bytes: Buffer;
  try {
    bytes = inflate(entry, raw);
  } catch (error) {
    return { ok: false, message: `entry is corrupt: ${describeError(error)}` };
  }
  if (bytes.length !== entry.uncompressedSize) {
    return {
      ok: false,
      message: `entry is corrupt: it inflates to ${bytes.length} bytes, the archive says ${entry.uncompressedSize}`,
    };
  }
  if (crc32(bytes) !== entry.crc32) {
    return { ok: false, message: 'entry is corrupt: its CRC-32 does not match its data' };
  }
  return { ok: true, bytes };
}

function inflate(entry: Entry, raw: Buffer): Buffer {
  switch (entry.compressionMethod) {
    case 0:
      return raw;
    case 8:
      return inflateRawSync(raw, { maxOutputLength: maxRecordBytes });
    default:
      throw new Error(`compression method ${entry.compressionMethod} is not supported`);
  }
}
