import { open } from 'node:fs/promises';

export type CappedRead = { ok: true; bytes: Buffer } | { ok: false; size: number };

/**
 * Reads a whole file if it is at most `maxBytes` long. The size comes from the open handle,
 * and at most that many bytes are read, so a file that grows meanwhile cannot push us past
 * the cap.
 */
export async function readCapped(path: string, maxBytes: number): Promise<CappedRead> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) {
      return { ok: false, size };
    }
    const bytes = Buffer.alloc(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) {
        break;
      }
      filled += bytesRead;
    }
    return { ok: true, bytes: bytes.subarray(0, filled) };
  } finally {
    await handle.close();
  }
}

/** The first bytes of a file, fewer if it is shorter: enough to recognise a zip. */
export async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(length);
    const { bytesRead } = await handle.read(head, 0, length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
