import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { ExternalHostError, InputError, NotFoundError } from '../../core/errors.js';
import { describeUrl } from '../../core/url.js';

export interface ReadLimits {
  timeoutMs: number;
  maxBytes: number;
}

export interface ListText {
  text: string;
  /** For errors: the path as given, or the URL without credentials or query. */
  origin: string;
  /** For matches: the file's base name, or the URL's host and path. */
  name: string;
}

const urlPattern = /^https?:\/\//i;

/** A list from a file path or an http(s) URL, whole, under the size cap. */
export async function readListSource(source: string, limits: ReadLimits): Promise<ListText> {
  if (source.trim() === '') {
    throw new InputError('an empty name was given as a threat-intelligence list');
  }
  if (urlPattern.test(source)) {
    return readUrl(source, limits);
  }
  const bytes = await readFileCapped(source, limits.maxBytes);
  return { text: decode(bytes), origin: source, name: basename(source) };
}

async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new NotFoundError(`cannot open the list ${path}: ${codeOf(error)}`);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) {
        break;
      }
      total += bytesRead;
      if (total > maxBytes) {
        throw tooLarge(path, maxBytes);
      }
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof InputError) {
      throw error;
    }
    throw new InputError(`cannot read the list ${path}: ${codeOf(error)}`);
  } finally {
    await handle.close();
  }
}

async function readUrl(source: string, limits: ReadLimits): Promise<ListText> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new InputError('a threat-intelligence list URL does not parse');
  }
  const origin = describeUrl(url);
  const headers: Record<string, string> = {};
  if (url.username !== '' || url.password !== '') {
    // fetch refuses credentials in the URL; Basic authentication is what they mean.
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    headers['authorization'] = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetch(url, { headers, signal, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel();
      throw new ExternalHostError(`${origin} answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(origin, limits.maxBytes);
    }
    const bytes = await readBodyCapped(response, origin, limits.maxBytes);
    return { text: decode(bytes), origin, name: `${url.host}${url.pathname}` };
  } catch (error) {
    if (error instanceof InputError || error instanceof ExternalHostError) {
      throw error;
    }
    if (signal.aborted) {
      throw new ExternalHostError(`${origin} did not answer within ${limits.timeoutMs} ms`);
    }
    throw new ExternalHostError(`cannot fetch ${origin}: ${codeOf(error)}`);
  }
}

async function readBodyCapped(response: Response, origin: string, maxBytes: number) {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body === null) {
    return Buffer.alloc(0);
  }
  const body: ReadableStream<Uint8Array> = response.body;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(origin, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(origin: string, maxBytes: number): InputError {
  return new InputError(
    `${origin} is over ${maxBytes} bytes, the cap for a threat-intelligence list`
  );
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** `ECONNREFUSED`, `ENOENT`: the cause without its message, which may quote the URL. */
function codeOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = current.cause;
  }
  return current instanceof Error ? current.name : 'failed';
}
