import { InputError } from '../../../core/errors.js';
import {
  findSection,
  readVirtual,
  sectionData,
  segmentFlags,
  segmentLoad,
  type ElfFile,
} from '../../elf/reader.js';

/**
 * Finds and decodes the build information the Go linker embeds in every program since Go 1.13
 * (the format `debug/buildinfo` reads and `go version -m` prints):
 *
 * - It lives in the `.go.buildinfo` section or, when the section headers are gone, at the start
 *   of the first read-write loadable segment, where the linker puts it.
 * - A 32-byte header, 16-byte aligned: the magic `\xff Go buildinf:`, the pointer size, flags.
 * - Flag 0x2 (Go 1.18 on): the Go version and the module information follow the header as
 *   strings prefixed by their length in unsigned varint form.
 * - Otherwise (Go 1.13 to 1.17): at offset 16 two pointers, in the byte order flag 0x1 names, to
 *   Go string headers (data pointer, length) elsewhere in the program, found through the
 *   program headers.
 *
 * The module information is wrapped in two 16-byte markers, which are removed here.
 */
export interface GoBuildInfo {
  /** As the toolchain wrote it: `go1.21.5`, `go1.21.5 X:boringcrypto`, `devel go1.22-abc…`. */
  goVersion: string;
  /** The module lines (`path`, `mod`, `dep`, `=>`, `build`), markers removed; empty if none. */
  modInfo: string;
  format: 'inline' | 'pointers';
}

const magic = Buffer.from('\xff Go buildinf:', 'latin1');
const headerSize = 32;
const alignment = 16;
/** How far into the section or segment the header is looked for, as Go's own reader does. */
const searchLength = 64 * 1024;
/** Longest string the pointer format may point at; real module lists are tens of KiB. */
const maxPointedString = 16 * 1024 * 1024;
const flagBigEndian = 0x1;
const flagInlineStrings = 0x2;
const markerLength = 16;

/** The region that should start with the build information, or undefined if there is none. */
function candidateRegion(bytes: Buffer, elf: ElfFile): Buffer | undefined {
  const section = findSection(elf, '.go.buildinfo');
  if (section) {
    return sectionData(bytes, section);
  }
  const readWrite = segmentFlags.read | segmentFlags.write;
  const data = elf.segments.find(
    (segment) =>
      segment.type === segmentLoad &&
      (segment.flags & (readWrite | segmentFlags.execute)) === readWrite
  );
  return data ? bytes.subarray(data.offset, data.offset + data.fileSize) : undefined;
}

/** Offset of the first 16-byte-aligned header within the search window, or -1. */
function findHeader(region: Buffer): number {
  const window = region.subarray(0, searchLength);
  for (let from = 0; ;) {
    const at = window.indexOf(magic, from);
    if (at < 0 || window.length - at < headerSize) {
      return -1;
    }
    if (at % alignment === 0) {
      return at;
    }
    from = at + 1;
  }
}

/** Go's unsigned varint: 7 bits a byte, low group first, at most 10 bytes. */
function readUvarint(data: Buffer, at: number, what: string): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let index = 0; index < 10; index++) {
    const byte = data[at + index];
    if (byte === undefined) {
      throw new InputError(`Go build information is truncated inside the length of ${what}`);
    }
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      return { value, next: at + index + 1 };
    }
    scale *= 128;
  }
  throw new InputError(`Go build information has an overlong length for ${what}`);
}

function readInlineString(data: Buffer, at: number, what: string): { value: Buffer; next: number } {
  const { value: length, next } = readUvarint(data, at, what);
  if (length > data.length - next) {
    throw new InputError(
      `Go build information is truncated: ${what} (${length} bytes) runs past the end of its section`
    );
  }
  return { value: data.subarray(next, next + length), next: next + length };
}

function readInline(region: Buffer): { version: Buffer; modInfo: Buffer } {
  const version = readInlineString(region, headerSize, 'the Go version');
  const modInfo = readInlineString(region, version.next, 'the module information');
  return { version: version.value, modInfo: modInfo.value };
}

function readPointers(
  bytes: Buffer,
  elf: ElfFile,
  header: Buffer
): { version: Buffer; modInfo: Buffer } {
  const pointerSize = header[14] ?? 0;
  if (pointerSize !== 4 && pointerSize !== 8) {
    throw new InputError(`Go build information has an unknown pointer size ${pointerSize}`);
  }
  const bigEndian = ((header[15] ?? 0) & flagBigEndian) !== 0;
  const pointer = (data: Buffer, at: number): bigint => {
    if (pointerSize === 4) {
      return BigInt(bigEndian ? data.readUInt32BE(at) : data.readUInt32LE(at));
    }
    return bigEndian ? data.readBigUInt64BE(at) : data.readBigUInt64LE(at);
  };
  const readString = (address: bigint, what: string): Buffer => {
    if (address === 0n) {
      // A position-independent build before Go 1.18: the loader fills the pointers in, the file
      // holds zeros. Go 1.18 moved the strings inline for this reason.
      throw new InputError(
        'Go build information of this position-independent program (Go 1.13 to 1.17) is filled in at load time and cannot be read from the file'
      );
    }
    const stringHeader = readVirtual(bytes, elf, address, 2 * pointerSize);
    if (stringHeader.length < 2 * pointerSize) {
      throw new InputError(
        `Go build information points outside the program's loaded data for ${what}`
      );
    }
    const dataAddress = pointer(stringHeader, 0);
    const length = pointer(stringHeader, pointerSize);
    if (length > BigInt(maxPointedString)) {
      throw new InputError(`Go build information gives ${what} an implausible length ${length}`);
    }
    const value = readVirtual(bytes, elf, dataAddress, Number(length));
    if (value.length < Number(length)) {
      throw new InputError(
        `Go build information points outside the program's loaded data for ${what}`
      );
    }
    return value;
  };
  return {
    version: readString(pointer(header, 16), 'the Go version'),
    modInfo: readString(pointer(header, 16 + pointerSize), 'the module information'),
  };
}

/**
 * Go's own test for the markers: long enough for both, and a newline just before the end
 * marker. Without them (a program built outside module mode) there is no module information.
 */
function unwrapModInfo(raw: Buffer): string {
  if (raw.length >= 2 * markerLength + 1 && raw[raw.length - markerLength - 1] === 0x0a) {
    return raw.subarray(markerLength, raw.length - markerLength).toString('utf8');
  }
  return '';
}

/** The program's Go build information, or undefined when it has none (not a Go program). */
export function readGoBuildInfo(bytes: Buffer, elf: ElfFile): GoBuildInfo | undefined {
  const region = candidateRegion(bytes, elf);
  if (!region) {
    return undefined;
  }
  const at = findHeader(region);
  if (at < 0) {
    return undefined;
  }
  const data = region.subarray(at);
  const inline = ((data[15] ?? 0) & flagInlineStrings) !== 0;
  const { version, modInfo } = inline ? readInline(data) : readPointers(bytes, elf, data);
  const goVersion = version.toString('utf8');
  if (goVersion === '') {
    throw new InputError('Go build information holds no Go version');
  }
  return { goVersion, modInfo: unwrapModInfo(modInfo), format: inline ? 'inline' : 'pointers' };
}
