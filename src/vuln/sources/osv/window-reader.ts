import { close, read } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { RandomAccessReader } from 'yauzl';

const windowBytes = 4 * 1024 * 1024;
const windowCount = 4;

interface Window {
  start: number;
  bytes: Buffer;
}

/**
 * Serves yauzl's small reads (a local header here, an entry's data there) from a few 4 MiB
 * windows read in one go. Reading entry by entry from the file costs a round trip to the
 * thread pool per read and left the import waiting on I/O most of the time; this keeps at
 * most 16 MiB of the archive in memory. Two windows are in use at once: the central directory
 * near the end and the entries near the start are read in turn.
 */
export class WindowReader extends RandomAccessReader {
  readonly #fd: number;
  readonly #size: number;
  readonly #windows: Window[] = [];

  constructor(fd: number, size: number) {
    super();
    this.#fd = fd;
    this.#size = size;
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const stream = new PassThrough();
    this.#range(start, end).then(
      (bytes) => stream.end(bytes),
      (error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error)))
    );
    return stream;
  }

  override close(callback: (error: Error | null) => void): void {
    close(this.#fd, callback);
  }

  async #range(start: number, end: number): Promise<Buffer> {
    const hit = this.#windows.find(
      (window) => start >= window.start && end <= window.start + window.bytes.length
    );
    if (hit) {
      this.#windows.splice(this.#windows.indexOf(hit), 1);
      this.#windows.unshift(hit);
      return hit.bytes.subarray(start - hit.start, end - hit.start);
    }
    const length = Math.min(Math.max(end - start, windowBytes), this.#size - start);
    // A fresh buffer for every window: slices handed out earlier must never change under a reader.
    const bytes = Buffer.allocUnsafe(length);
    const got = await new Promise<number>((resolve, reject) => {
      read(this.#fd, bytes, 0, length, start, (error, count) =>
        error ? reject(error) : resolve(count)
      );
    });
    if (got < end - start) {
      throw new Error(`unexpected end of file at ${start + got}, wanted ${end - start} bytes`);
    }
    const window = { start, bytes: bytes.subarray(0, got) };
    this.#windows.unshift(window);
    this.#windows.length = Math.min(this.#windows.length, windowCount);
    return window.bytes.subarray(0, end - start);
  }
}
