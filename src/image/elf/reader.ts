/**
 * A small ELF reader for the analyzers that look inside programs (Go build information, Rust's
 * cargo-auditable dependency list). It reads the file header, the section headers with their
 * names and the program headers of 32- and 64-bit files in either byte order, and nothing
 * else: no symbols, no relocations, no dynamic section.
 *
 * Programs in an image are hostile input. Every table and every section or loadable segment
 * the headers describe is checked against the buffer before anything is read, so a truncated
 * or corrupt file is refused up front with an InputError saying which part runs past the end,
 * and no later read can fall outside the file.
 */
import { InputError } from '../../core/errors.js';

export const elfMagic = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

/** Section type SHT_NOBITS: occupies no bytes in the file (`.bss`). */
const sectionNoBits = 8;
/** Section type SHT_NULL: an unused header, its fields mean nothing. */
const sectionNull = 0;
/** Program header type PT_LOAD. */
export const segmentLoad = 1;
/** Program header flags. */
export const segmentFlags = { execute: 1, write: 2, read: 4 } as const;

/** More than any real program carries; a bigger count is a corrupt or hostile header. */
const maxTableEntries = 65_536;

export interface ElfSection {
  name: string;
  type: number;
  flags: bigint;
  /** Virtual address when loaded; 0 for sections that are not. */
  address: bigint;
  /** Where the section's bytes sit in the file (meaningless for SHT_NOBITS). */
  offset: number;
  size: number;
}

export interface ElfSegment {
  type: number;
  flags: number;
  /** Checked against the file for PT_LOAD segments only, the only ones read. */
  offset: number;
  address: bigint;
  /** Bytes backed by the file; the rest of `memorySize` is zero-filled when loaded. */
  fileSize: number;
  memorySize: bigint;
}

export interface ElfFile {
  bits: 32 | 64;
  littleEndian: boolean;
  /** e_type: 2 executable, 3 shared object or position-independent executable. */
  type: number;
  machine: number;
  /** Empty when the file has no section headers (stripped with `sstrip`). */
  sections: ElfSection[];
  segments: ElfSegment[];
}

/** True when the bytes start with `\x7fELF`. */
export function isElf(head: Buffer): boolean {
  return head.length >= elfMagic.length && head.subarray(0, elfMagic.length).equals(elfMagic);
}

/** Reads fields of one byte order and word size, refusing values that cannot be offsets. */
class FieldReader {
  constructor(
    private readonly bytes: Buffer,
    private readonly littleEndian: boolean,
    readonly bits: 32 | 64
  ) {}

  u16(at: number): number {
    return this.littleEndian ? this.bytes.readUInt16LE(at) : this.bytes.readUInt16BE(at);
  }

  u32(at: number): number {
    return this.littleEndian ? this.bytes.readUInt32LE(at) : this.bytes.readUInt32BE(at);
  }

  /** A word of the file's class: 4 bytes in ELF32, 8 in ELF64. */
  word(at: number): bigint {
    if (this.bits === 32) {
      return BigInt(this.u32(at));
    }
    return this.littleEndian ? this.bytes.readBigUInt64LE(at) : this.bytes.readBigUInt64BE(at);
  }

  /** A word that must be a file offset or size: anything past the buffer is corrupt anyway. */
  offset(at: number, what: string): number {
    const value = this.word(at);
    if (value > BigInt(this.bytes.length)) {
      throw new InputError(
        `truncated or corrupt ELF file: ${what} (${value}) is past the end of the file (${this.bytes.length} bytes)`
      );
    }
    return Number(value);
  }
}

interface HeaderLayout {
  size: number;
  phoff: number;
  shoff: number;
  phentsize: number;
  phnum: number;
  shentsize: number;
  shnum: number;
  shstrndx: number;
  minPhent: number;
  minShent: number;
}

const layouts: Record<32 | 64, HeaderLayout> = {
  32: {
    size: 52,
    phoff: 28,
    shoff: 32,
    phentsize: 42,
    phnum: 44,
    shentsize: 46,
    shnum: 48,
    shstrndx: 50,
    minPhent: 32,
    minShent: 40,
  },
  64: {
    size: 64,
    phoff: 32,
    shoff: 40,
    phentsize: 54,
    phnum: 56,
    shentsize: 58,
    shnum: 60,
    shstrndx: 62,
    minPhent: 56,
    minShent: 64,
  },
};

function ensureWithin(bytes: Buffer, start: number, length: number, what: string): void {
  if (start + length > bytes.length) {
    throw new InputError(
      `truncated or corrupt ELF file: ${what} (bytes ${start} to ${start + length}) runs past the end of the file (${bytes.length} bytes)`
    );
  }
}

/** Parses the headers of an ELF file, checking every table and region against the buffer. */
export function readElf(bytes: Buffer): ElfFile {
  if (!isElf(bytes)) {
    throw new InputError('not an ELF file: the \\x7fELF magic is missing');
  }
  if (bytes.length < 16) {
    throw new InputError(
      `truncated ELF file: ${bytes.length} bytes, shorter than the ELF identification`
    );
  }
  const elfClass = bytes[4];
  const data = bytes[5];
  if (elfClass !== 1 && elfClass !== 2) {
    throw new InputError(
      `corrupt ELF file: unknown class ${elfClass ?? 0} (1 is 32-bit, 2 is 64-bit)`
    );
  }
  if (data !== 1 && data !== 2) {
    throw new InputError(
      `corrupt ELF file: unknown byte order ${data ?? 0} (1 little, 2 big endian)`
    );
  }
  const bits = elfClass === 1 ? 32 : 64;
  const layout = layouts[bits];
  ensureWithin(bytes, 0, layout.size, `the ${bits}-bit file header`);
  const fields = new FieldReader(bytes, data === 1, bits);

  const firstSection = readFirstSection(bytes, fields, layout);
  const segments = readSegments(bytes, fields, layout, firstSection);
  const sections = readSections(bytes, fields, firstSection);
  return {
    bits,
    littleEndian: data === 1,
    type: fields.u16(16),
    machine: fields.u16(18),
    sections,
    segments,
  };
}

/**
 * Section 0 is empty by definition, except that it holds the real counts when they do not fit
 * the header's 16-bit fields (extended numbering): sh_size the section count, sh_link the index
 * of the section-name table, sh_info the program-header count.
 */
interface FirstSection {
  shoff: number;
  shentsize: number;
  count: number;
  names: number;
  phnum: number;
}

function readFirstSection(bytes: Buffer, fields: FieldReader, layout: HeaderLayout): FirstSection {
  const shoff = fields.offset(layout.shoff, 'the section header table offset');
  const shentsize = fields.u16(layout.shentsize);
  let count = fields.u16(layout.shnum);
  let names = fields.u16(layout.shstrndx);
  let phnum = fields.u16(layout.phnum);
  if (shoff === 0) {
    return { shoff, shentsize, count: 0, names: 0, phnum };
  }
  if (shentsize < layout.minShent) {
    throw new InputError(
      `corrupt ELF file: section header entries of ${shentsize} bytes, fewer than the ${layout.minShent} a ${fields.bits}-bit header needs`
    );
  }
  ensureWithin(bytes, shoff, shentsize, 'the first section header');
  const sizeField = fields.bits === 32 ? 20 : 32;
  const linkField = fields.bits === 32 ? 24 : 40;
  if (count === 0) {
    const extended = fields.word(shoff + sizeField);
    count = extended > BigInt(maxTableEntries) ? maxTableEntries + 1 : Number(extended);
  }
  if (names === 0xffff) {
    names = fields.u32(shoff + linkField);
  }
  if (phnum === 0xffff) {
    phnum = fields.u32(shoff + linkField + 4);
  }
  return { shoff, shentsize, count, names, phnum };
}

function clamp(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

function checkCount(count: number, what: string): void {
  if (count > maxTableEntries) {
    throw new InputError(`corrupt ELF file: ${count} ${what}, more than ${maxTableEntries}`);
  }
}

function readSegments(
  bytes: Buffer,
  fields: FieldReader,
  layout: HeaderLayout,
  first: FirstSection
): ElfSegment[] {
  const phoff = fields.offset(layout.phoff, 'the program header table offset');
  const phentsize = fields.u16(layout.phentsize);
  const count = phoff === 0 ? 0 : first.phnum;
  if (count === 0) {
    return [];
  }
  checkCount(count, 'program headers');
  if (phentsize < layout.minPhent) {
    throw new InputError(
      `corrupt ELF file: program header entries of ${phentsize} bytes, fewer than the ${layout.minPhent} a ${fields.bits}-bit header needs`
    );
  }
  ensureWithin(bytes, phoff, count * phentsize, `the table of ${count} program headers`);
  const segments: ElfSegment[] = [];
  for (let index = 0; index < count; index++) {
    const at = phoff + index * phentsize;
    const wide = fields.bits === 64;
    const type = fields.u32(at);
    const offset = fields.word(at + (wide ? 8 : 4));
    const fileSize = fields.word(at + (wide ? 32 : 16));
    const segment: ElfSegment = {
      type,
      flags: fields.u32(at + (wide ? 4 : 24)),
      // Only loadable segments are read, so only theirs must lie within the file.
      offset:
        type === segmentLoad
          ? fields.offset(at + (wide ? 8 : 4), `segment ${index}'s file offset`)
          : clamp(offset),
      address: fields.word(at + (wide ? 16 : 8)),
      fileSize:
        type === segmentLoad
          ? fields.offset(at + (wide ? 32 : 16), `segment ${index}'s file size`)
          : clamp(fileSize),
      memorySize: fields.word(at + (wide ? 40 : 20)),
    };
    if (segment.type === segmentLoad) {
      ensureWithin(bytes, segment.offset, segment.fileSize, `loadable segment ${index}`);
    }
    segments.push(segment);
  }
  return segments;
}

interface RawSection extends Omit<ElfSection, 'name'> {
  nameOffset: number;
}

function readSections(bytes: Buffer, fields: FieldReader, first: FirstSection): ElfSection[] {
  const { shoff, shentsize, count } = first;
  if (count === 0) {
    return [];
  }
  checkCount(count, 'sections');
  ensureWithin(bytes, shoff, count * shentsize, `the table of ${count} section headers`);
  const raw: RawSection[] = [];
  for (let index = 0; index < count; index++) {
    const at = shoff + index * shentsize;
    const wide = fields.bits === 64;
    const section: RawSection = {
      nameOffset: fields.u32(at),
      type: fields.u32(at + 4),
      flags: fields.word(at + 8),
      address: fields.word(at + (wide ? 16 : 12)),
      offset: 0,
      size: 0,
    };
    if (section.type !== sectionNoBits && section.type !== sectionNull) {
      section.offset = fields.offset(at + (wide ? 24 : 16), `section ${index}'s file offset`);
      section.size = fields.offset(at + (wide ? 32 : 20), `section ${index}'s size`);
      ensureWithin(bytes, section.offset, section.size, `section ${index}`);
    }
    raw.push(section);
  }
  const table = raw[first.names];
  if (first.names === 0 || table === undefined) {
    // No name table: the sections exist but cannot be looked up by name.
    return raw.map((section) => named(section, ''));
  }
  const names = bytes.subarray(table.offset, table.offset + table.size);
  return raw.map((section) => named(section, nameAt(names, section.nameOffset)));
}

function named(section: RawSection, name: string): ElfSection {
  const { type, flags, address, offset, size } = section;
  return { name, type, flags, address, offset, size };
}

/** A NUL-terminated name from the section-name table; an offset outside it names nothing. */
function nameAt(table: Buffer, offset: number): string {
  if (offset >= table.length) {
    return '';
  }
  const end = table.indexOf(0, offset);
  return table.toString('latin1', offset, end < 0 ? table.length : end);
}

/** The first section of that name, if any. */
export function findSection(elf: ElfFile, name: string): ElfSection | undefined {
  return elf.sections.find((section) => section.name === name);
}

/** A section's bytes (empty for SHT_NOBITS): bounds were checked when the headers were read. */
export function sectionData(bytes: Buffer, section: ElfSection): Buffer {
  if (section.type === sectionNoBits) {
    return Buffer.alloc(0);
  }
  return bytes.subarray(section.offset, section.offset + section.size);
}

/**
 * Up to `length` bytes at a virtual address, from the file-backed part of the loadable segment
 * that holds it; fewer when the segment's file bytes end first, none when no segment holds it.
 */
export function readVirtual(bytes: Buffer, elf: ElfFile, address: bigint, length: number): Buffer {
  for (const segment of elf.segments) {
    if (segment.type !== segmentLoad) {
      continue;
    }
    const start = segment.address;
    if (address >= start && address < start + BigInt(segment.fileSize)) {
      const within = Number(address - start);
      const available = segment.fileSize - within;
      const offset = segment.offset + within;
      return bytes.subarray(offset, offset + Math.min(length, available));
    }
  }
  return Buffer.alloc(0);
}
