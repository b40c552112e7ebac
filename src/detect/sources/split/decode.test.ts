import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decode, gunzip, type DecompressionLimit } from './decode.js';

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) {
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

function limit(maxDecompressedBytes: number): DecompressionLimit & { details: string[] } {
  const details: string[] = [];
  return { maxDecompressedBytes, details, exceeded: (detail) => details.push(detail) };
}

/** `bytes` as a stream of chunks of `size` bytes. */
function streamOf(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) {
    chunks.push(bytes.subarray(offset, offset + size));
  }
  return Readable.from(chunks);
}

describe('decode', () => {
  it('passes plain bytes through, even when the first chunk is one byte', async () => {
    const text = Buffer.from('{"kind":"Event"}\n');
    expect((await collect(decode(streamOf(text, 1), limit(10)))).toString()).toBe(
      '{"kind":"Event"}\n'
    );
  });

  it('passes a one-byte input and an empty input through', async () => {
    expect(await collect(decode(streamOf(Buffer.from('x'), 1), limit(10)))).toEqual(
      Buffer.from('x')
    );
    expect(await collect(decode(Readable.from([]), limit(10)))).toEqual(Buffer.alloc(0));
  });

  it('gunzips several gzip members back to back, as Firehose writes them', async () => {
    const members = Buffer.concat([gzipSync('{"a":1}\n'), gzipSync('{"b":2}\n'), gzipSync('')]);
    const out = await collect(decode(streamOf(members, 5), limit(1000)));
    expect(out.toString()).toBe('{"a":1}\n{"b":2}\n');
  });

  it('stops at the decompressed cap and says so once', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024));
    const cap = limit(1024 * 1024);
    const out = await collect(decode(streamOf(bomb, 1024), cap));
    expect(out.length).toBeLessThanOrEqual(1024 * 1024);
    expect(cap.details).toEqual([
      'the gzip data decompresses to more than 1048576 bytes; the rest is skipped',
    ]);
  });

  it('throws a zlib error for corrupt gzip data', async () => {
    const corrupt = Buffer.concat([gzipSync('{"a":1}\n').subarray(0, 12), Buffer.from('garbage')]);
    await expect(collect(decode(streamOf(corrupt, 4), limit(1000)))).rejects.toMatchObject({
      code: expect.stringMatching(/^Z_/) as unknown,
    });
  });

  it('gunzips without sniffing when told the data is gzip', async () => {
    await expect(collect(gunzip(Readable.from([Buffer.from('{}')]), limit(10)))).rejects.toThrow();
    const out = await collect(gunzip(Readable.from([gzipSync('{}')]), limit(10)));
    expect(out.toString()).toBe('{}');
  });
});
