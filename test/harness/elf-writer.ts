/**
 * Test support: small synthetic ELF files, for what a compiler on this machine will not make
 * (big-endian, 32-bit, no section headers at all, Go build information in the pre-1.18 pointer
 * format) and for corrupting on purpose. Layout: file header, program headers, each segment's
 * bytes, each section's own bytes, the section-name table, the section headers. Nothing is
 * validated: tests may ask for nonsense.
 */

export interface SyntheticSegment {
  /** PT_LOAD (1) unless given. */
  type?: number;
  /** PF_R 4, PF_W 2, PF_X 1. */
  flags: number;
  address: bigint;
  data: Buffer;
}

export interface SyntheticSection {
  name: string;
  /** SHT_PROGBITS (1) unless given. */
  type?: number;
  flags?: bigint;
  address?: bigint;
  /** The section's own bytes, written after the segments. */
  data?: Buffer;
  /** Instead of `data`: the section covers that segment's bytes and address exactly. */
  segment?: number;
}

export interface ElfSpec {
  bits?: 32 | 64;
  endian?: 'little' | 'big';
  /** e_machine: 62 x86-64 unless given (43 SPARC V9, 20 PowerPC, 3 i386…). */
  machine?: number;
  segments?: SyntheticSegment[];
  sections?: SyntheticSection[];
  /** `false` writes no section header table (what `sstrip` leaves). Default true. */
  sectionHeaders?: boolean;
}

export interface WrittenElf {
  bytes: Buffer;
  /** File offset of each segment's bytes, in spec order. */
  segmentOffsets: number[];
  /** File offset of the section header table (0 when none). */
  sectionHeaderOffset: number;
}

const align = (value: number, to: number): number => Math.ceil(value / to) * to;

class Writer {
  readonly buffer: Buffer;
  constructor(
    size: number,
    private readonly little: boolean,
    private readonly wide: boolean
  ) {
    this.buffer = Buffer.alloc(size);
  }
  u8(at: number, value: number): void {
    this.buffer.writeUInt8(value, at);
  }
  u16(at: number, value: number): void {
    if (this.little) {
      this.buffer.writeUInt16LE(value, at);
    } else {
      this.buffer.writeUInt16BE(value, at);
    }
  }
  u32(at: number, value: number): void {
    if (this.little) {
      this.buffer.writeUInt32LE(value, at);
    } else {
      this.buffer.writeUInt32BE(value, at);
    }
  }
  /** A word of the file's class. */
  word(at: number, value: bigint | number): void {
    const big = BigInt(value);
    if (!this.wide) {
      this.u32(at, Number(big));
    } else if (this.little) {
      this.buffer.writeBigUInt64LE(big, at);
    } else {
      this.buffer.writeBigUInt64BE(big, at);
    }
  }
}

export function writeElf(spec: ElfSpec): WrittenElf {
  const wide = (spec.bits ?? 64) === 64;
  const little = (spec.endian ?? 'little') === 'little';
  const segments = spec.segments ?? [];
  const sections = spec.sections ?? [];
  const withSections = spec.sectionHeaders ?? true;
  const headerSize = wide ? 64 : 52;
  const phentsize = wide ? 56 : 32;
  const shentsize = wide ? 64 : 40;

  let cursor = headerSize + segments.length * phentsize;
  const segmentOffsets = segments.map((segment) => {
    cursor = align(cursor, 16);
    const at = cursor;
    cursor += segment.data.length;
    return at;
  });
  const sectionOffsets = sections.map((section) => {
    if (section.segment !== undefined) {
      return segmentOffsets[section.segment] ?? 0;
    }
    cursor = align(cursor, 16);
    const at = cursor;
    cursor += section.data?.length ?? 0;
    return at;
  });
  // The name table: "\0" then each name, then ".shstrtab".
  const names = ['', ...sections.map((section) => section.name), '.shstrtab'];
  const nameOffsets: number[] = [];
  let nameTable = Buffer.alloc(0);
  for (const name of names) {
    nameOffsets.push(nameTable.length);
    nameTable = Buffer.concat([nameTable, Buffer.from(`${name}\0`, 'latin1')]);
  }
  const nameTableOffset = cursor;
  cursor += withSections ? nameTable.length : 0;
  const shoff = withSections ? align(cursor, 8) : 0;
  const sectionCount = withSections ? sections.length + 2 : 0;
  const total = withSections ? shoff + sectionCount * shentsize : cursor;

  const out = new Writer(total, little, wide);
  out.buffer.write('\x7fELF', 0, 'latin1');
  out.u8(4, wide ? 2 : 1);
  out.u8(5, little ? 1 : 2);
  out.u8(6, 1);
  out.u16(16, 2); // ET_EXEC
  out.u16(18, spec.machine ?? 62);
  out.u32(20, 1);
  const phoff = segments.length > 0 ? headerSize : 0;
  if (wide) {
    out.word(32, phoff);
    out.word(40, shoff);
    out.u16(52, headerSize);
    out.u16(54, phentsize);
    out.u16(56, segments.length);
    out.u16(58, shentsize);
    out.u16(60, sectionCount);
    out.u16(62, withSections ? sections.length + 1 : 0);
  } else {
    out.word(28, phoff);
    out.word(32, shoff);
    out.u16(40, headerSize);
    out.u16(42, phentsize);
    out.u16(44, segments.length);
    out.u16(46, shentsize);
    out.u16(48, sectionCount);
    out.u16(50, withSections ? sections.length + 1 : 0);
  }

  segments.forEach((segment, index) => {
    const at = headerSize + index * phentsize;
    const offset = segmentOffsets[index] ?? 0;
    const size = segment.data.length;
    out.u32(at, segment.type ?? 1);
    if (wide) {
      out.u32(at + 4, segment.flags);
      out.word(at + 8, offset);
      out.word(at + 16, segment.address);
      out.word(at + 24, segment.address);
      out.word(at + 32, size);
      out.word(at + 40, size);
      out.word(at + 48, 0x1000);
    } else {
      out.word(at + 4, offset);
      out.word(at + 8, segment.address);
      out.word(at + 12, segment.address);
      out.word(at + 16, size);
      out.word(at + 20, size);
      out.u32(at + 24, segment.flags);
      out.word(at + 28, 0x1000);
    }
    segment.data.copy(out.buffer, offset);
  });
  sections.forEach((section, index) => {
    if (section.segment === undefined) {
      section.data?.copy(out.buffer, sectionOffsets[index] ?? 0);
    }
  });
  if (!withSections) {
    return { bytes: out.buffer, segmentOffsets, sectionHeaderOffset: 0 };
  }
  nameTable.copy(out.buffer, nameTableOffset);

  const writeSection = (
    index: number,
    fields: {
      name: number;
      type: number;
      flags: bigint;
      address: bigint;
      offset: number;
      size: number;
    }
  ): void => {
    const at = shoff + index * shentsize;
    out.u32(at, fields.name);
    out.u32(at + 4, fields.type);
    if (wide) {
      out.word(at + 8, fields.flags);
      out.word(at + 16, fields.address);
      out.word(at + 24, fields.offset);
      out.word(at + 32, fields.size);
      out.word(at + 48, 1);
    } else {
      out.word(at + 8, fields.flags);
      out.word(at + 12, fields.address);
      out.word(at + 16, fields.offset);
      out.word(at + 20, fields.size);
      out.word(at + 32, 1);
    }
  };
  sections.forEach((section, index) => {
    const inSegment = section.segment === undefined ? undefined : segments[section.segment];
    writeSection(index + 1, {
      name: nameOffsets[index + 1] ?? 0,
      type: section.type ?? 1,
      flags: section.flags ?? 0n,
      address: section.address ?? inSegment?.address ?? 0n,
      offset: sectionOffsets[index] ?? 0,
      size: inSegment?.data.length ?? section.data?.length ?? 0,
    });
  });
  writeSection(sections.length + 1, {
    name: nameOffsets[names.length - 1] ?? 0,
    type: 3, // SHT_STRTAB
    flags: 0n,
    address: 0n,
    offset: nameTableOffset,
    size: nameTable.length,
  });
  return { bytes: out.buffer, segmentOffsets, sectionHeaderOffset: shoff };
}

/** Go's build information magic, which starts the 32-byte header. */
export const goBuildInfoMagic = Buffer.from('\xff Go buildinf:', 'latin1');
/** The 16-byte markers Go writes around the module information (`modload.infoStart/End`). */
export const goModInfoStart = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
export const goModInfoEnd = Buffer.from('f932433186182072008242104116d8f2', 'hex');

function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** Module information as Go embeds it: wrapped in the markers (unless `bare`). */
export function wrapModInfo(lines: string, bare = false): Buffer {
  const text = Buffer.from(lines, 'utf8');
  return bare ? text : Buffer.concat([goModInfoStart, text, goModInfoEnd]);
}

/** A Go ≥ 1.18 `.go.buildinfo` payload: header with flag 0x2, then length-prefixed strings. */
export function goBuildInfoInline(version: string, modInfo: Buffer, pointerSize = 8): Buffer {
  const header = Buffer.alloc(32);
  goBuildInfoMagic.copy(header);
  header[14] = pointerSize;
  header[15] = 0x2;
  const versionBytes = Buffer.from(version, 'utf8');
  return Buffer.concat([
    header,
    uvarint(versionBytes.length),
    versionBytes,
    uvarint(modInfo.length),
    modInfo,
  ]);
}

/**
 * A Go < 1.18 payload at virtual address `address`: the header holds two pointers to Go string
 * headers (data pointer, length), which point at the string bytes, all in this one blob.
 */
export function goBuildInfoPointers(
  version: string,
  modInfo: Buffer,
  options: { address: bigint; pointerSize: 4 | 8; bigEndian: boolean }
): Buffer {
  const { address, pointerSize, bigEndian } = options;
  const pointer = (value: bigint): Buffer => {
    const out = Buffer.alloc(pointerSize);
    if (pointerSize === 4) {
      if (bigEndian) {
        out.writeUInt32BE(Number(value));
      } else {
        out.writeUInt32LE(Number(value));
      }
    } else if (bigEndian) {
      out.writeBigUInt64BE(value);
    } else {
      out.writeBigUInt64LE(value);
    }
    return out;
  };
  const versionBytes = Buffer.from(version, 'utf8');
  // Layout: header (32), version string header, module string header, version bytes, module bytes.
  const versionHeaderAt = address + 32n;
  const modHeaderAt = versionHeaderAt + BigInt(2 * pointerSize);
  const versionDataAt = modHeaderAt + BigInt(2 * pointerSize);
  const modDataAt = versionDataAt + BigInt(versionBytes.length);
  const header = Buffer.alloc(32);
  goBuildInfoMagic.copy(header);
  header[14] = pointerSize;
  header[15] = bigEndian ? 1 : 0;
  pointer(versionHeaderAt).copy(header, 16);
  pointer(modHeaderAt).copy(header, 16 + pointerSize);
  return Buffer.concat([
    header,
    pointer(versionDataAt),
    pointer(BigInt(versionBytes.length)),
    pointer(modDataAt),
    pointer(BigInt(modInfo.length)),
    versionBytes,
    modInfo,
  ]);
}
