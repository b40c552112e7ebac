import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { describeError, InputError } from '../../../core/errors.js';
import { readHead } from '../../source/read-capped.js';
import type { SourceContext } from '../../source/types.js';
import { maxDocumentBytes } from './limits.js';

/** Other compressions a repository may use for updateinfo, to say what the file is. */
const refusedMagic: readonly { magic: readonly number[]; what: string }[] = [
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz' },
  { magic: [0x42, 0x5a, 0x68], what: 'bzip2' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd' },
];

/**
 * The file's text, a piece at a time: gunzipped when its first bytes are gzip's (a mirror's
 * file name is no guide), decoded as UTF-8 whatever the XML declaration says. Bytes that are
 * not UTF-8, a corrupt or truncated gzip stream and a document over the size cap throw
 * InputError naming the file: a feed read only in part would pass for complete.
 */
export async function* readText(
  path: string,
  name: string,
  context: SourceContext
): AsyncGenerator<string> {
  const head = await readHead(path, 6);
  const refused = refusedMagic.find(({ magic }) => magic.every((byte, i) => head[i] === byte));
  if (refused) {
    throw new InputError(`${name} is ${refused.what}-compressed; only gzip is read`);
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let total = 0;
  for await (const chunk of guarded(openBytes(path, gzip), name, gzip)) {
    context.signal?.throwIfAborted();
    total += chunk.length;
    if (total > maxDocumentBytes) {
      throw new InputError(`${name} holds more than the ${maxDocumentBytes}-byte cap`);
    }
    yield decode(decoder, chunk, name);
  }
  // Flushing reports a sequence cut off at the very end.
  yield decode(decoder, undefined, name);
}

function openBytes(path: string, gzip: boolean): Readable {
  const file = createReadStream(path);
  if (!gzip) {
    return file;
  }
  // The callback form returns the last stream and destroys every stage when any fails or
  // when the reader stops early; errors reach the reader through that last stream.
  return pipeline(file, createGunzip(), () => undefined);
}

async function* guarded(stream: Readable, name: string, gzip: boolean): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield chunk;
    }
  } catch (error) {
    const zlib = error instanceof Error && 'code' in error && String(error.code).startsWith('Z_');
    const what = gzip && zlib ? 'is not a readable gzip file' : 'cannot be read';
    throw new InputError(`${name} ${what}: ${describeError(error)}`, { cause: error });
  } finally {
    stream.destroy();
  }
}

function decode(decoder: TextDecoder, chunk: Buffer | undefined, name: string): string {
  try {
    return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
  } catch (error) {
    throw new InputError(`${name} is not valid UTF-8`, { cause: error });
  }
}
