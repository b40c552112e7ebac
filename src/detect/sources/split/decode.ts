import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface DecompressionLimit {
  maxDecompressedBytes: number;
  /** Told once when the limit stops the input; the chunks then end. */
  exceeded(detail: string): void;
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

async function* buffers(
  iterator: AsyncIterator<Buffer | string>,
  head: Buffer | undefined
): AsyncGenerator<Buffer, void, undefined> {
  try {
    if (head !== undefined && head.length > 0) {
      yield head;
    }
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) {
        return;
      }
      yield toBuffer(next.value);
    }
  } finally {
    // Stopping early releases the input (a file descriptor, a request).
    await iterator.return?.();
  }
}

/**
 * The gunzipped bytes of `source`, up to the limit and no further. Several gzip members back
 * to back, as Firehose writes them, read as one stream. A corrupt input throws a zlib error
 * (its `code` starts with `Z_`).
 */
export async function* gunzip(
  source: AsyncIterable<Buffer | string>,
  limit: DecompressionLimit
): AsyncGenerator<Buffer, void, undefined> {
  yield* gunzipFrom(source[Symbol.asyncIterator](), undefined, limit);
}

async function* gunzipFrom(
  iterator: AsyncIterator<Buffer | string>,
  head: Buffer | undefined,
  limit: DecompressionLimit
): AsyncGenerator<Buffer, void, undefined> {
  const output = pipeline(
    Readable.from(buffers(iterator, head)),
    createGunzip({ chunkSize: 64 * 1024 }),
    () => {
      // An error reaches the loop below, through the stream it reads.
    }
  );
  let total = 0;
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit.maxDecompressedBytes) {
        limit.exceeded(
          `the gzip data decompresses to more than ${limit.maxDecompressedBytes} bytes; the rest is skipped`
        );
        return;
      }
      yield chunk;
    }
  } finally {
    output.destroy();
  }
}

/** The bytes of `source`, gunzipped when they start with the gzip magic (1f 8b). */
export async function* decode(
  source: AsyncIterable<Buffer | string>,
  limit: DecompressionLimit
): AsyncGenerator<Buffer, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let head: Buffer = Buffer.alloc(0);
  while (head.length < 2) {
    const next = await iterator.next();
    if (next.done === true) {
      if (head.length > 0) {
        yield head;
      }
      return;
    }
    head = head.length === 0 ? toBuffer(next.value) : Buffer.concat([head, toBuffer(next.value)]);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    yield* gunzipFrom(iterator, head, limit);
  } else {
    yield* buffers(iterator, head);
  }
}
