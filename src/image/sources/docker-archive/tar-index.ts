import type { FileHandle } from 'node:fs/promises';
import { InputError } from '../../../core/errors.js';

export interface TarMember {
  offset: number;
  size: number;
}

const block = 512;
const maxMembers = 100_000;
const maxNameBytes = 64 * 1024;

/**
 * Lists the regular files of a tar by reading only its headers, so a `docker save`
 * archive's layers can be streamed later straight from their offsets. Handles ustar
 * prefixes, GNU long names and pax `path` records, which is what docker and podman write.
 */
export async function indexTar(handle: FileHandle, what: string): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>();
  const { size: fileSize } = await handle.stat();
  const header = Buffer.alloc(block);
  let position = 0;
  let longName: string | undefined;
  while (position + block <= fileSize) {
    await readExactly(handle, header, position, what);
    if (header.every((byte) => byte === 0)) {
      break;
    }
    verifyChecksum(header, what);
    const size = readSize(header, what);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataOffset = position + block;
    if (dataOffset + size > fileSize) {
      throw new InputError(`${what}: truncated (an entry runs past the end of the file)`);
    }
    if (type === 'L' || type === 'x') {
      longName = await readLongName(handle, type, dataOffset, size, what);
    } else {
      const name = longName ?? headerName(header);
      longName = undefined;
      if (type === '0' || type === '\0' || type === '7') {
        members.set(name.replace(/^\.\//, '').replace(/^\/+/, ''), { offset: dataOffset, size });
        if (members.size > maxMembers) {
          throw new InputError(`${what}: more than ${maxMembers} entries`);
        }
      }
    }
    position = dataOffset + Math.ceil(size / block) * block;
  }
  return members;
}

async function readExactly(
  handle: FileHandle,
  buffer: Buffer,
  position: number,
  what: string
): Promise<void> {
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
  if (bytesRead !== buffer.length) {
    throw new InputError(`${what}: truncated`);
  }
}

function verifyChecksum(header: Buffer, what: string): void {
  const stored = parseOctal(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < block; i++) {
    sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  }
  if (stored !== sum) {
    throw new InputError(`${what}: not a tar archive (bad header checksum)`);
  }
}

function readSize(header: Buffer, what: string): number {
  const field = header.subarray(124, 136);
  // GNU base-256: the high bit of the first byte marks a big-endian binary number.
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < field.length; i++) {
      value = value * 256 + (field[i] ?? 0);
    }
    if (!Number.isSafeInteger(value)) {
      throw new InputError(`${what}: an entry size is out of range`);
    }
    return value;
  }
  return parseOctal(field);
}

function parseOctal(field: Buffer): number {
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

function headerName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const isUstar = header.subarray(257, 263).toString('latin1') === 'ustar\0';
  const prefix = isUstar ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

async function readLongName(
  handle: FileHandle,
  type: string,
  offset: number,
  size: number,
  what: string
): Promise<string | undefined> {
  if (size > maxNameBytes) {
    throw new InputError(`${what}: an extended header is over ${maxNameBytes} bytes`);
  }
  const data = Buffer.alloc(size);
  await readExactly(handle, data, offset, what);
  if (type === 'L') {
    return cString(data);
  }
  // pax records: "<length> <key>=<value>\n"
  for (const record of data.toString('utf8').split('\n')) {
    const match = /^\d+ path=(?<path>.*)$/s.exec(record);
    if (match?.groups?.['path'] !== undefined) {
      return match.groups['path'];
    }
  }
  return undefined;
}
