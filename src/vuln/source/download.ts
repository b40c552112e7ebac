import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  describeError,
  ExternalHostError,
  InputError,
  NotFoundError,
  UsageError,
} from '../../core/errors.js';
import type { SourceContext } from './types.js';
/** Largest download accepted: a full OSV ecosystem zip is well under this. */
const maxDownloadBytes = 4 * 1024 * 1024 * 1024;

export interface DownloadedFile {
  /** Where the content now lies, under the context's temporary folder. */
  path: string;
  /** The last segment of the URL's path (`all.zip`), to name origins and pick a format. */
  name: string;
  /** The URL without credentials or query, fit for messages. */
  shown: string;
}

export function isHttpUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/**
 * Streams an `http(s)` location to a file under `context.tempDir` (removed by the caller),
 * so a feed of any size costs disk rather than memory, up to a cap.
 *
 * `context.timeoutMs` bounds each wait for the server (the response, then every chunk of the
 * body), not the whole transfer: a large all.zip on a slow but steady link must not fail,
 * a server that stops sending must.
 */
export async function download(location: string, context: SourceContext): Promise<DownloadedFile> {
  const url = parseUrl(location);
  const shown = `${url.origin}${url.pathname}`;
  const name = lastSegment(url);
  const idle = idleTimeout(context.timeoutMs);
  const signal = context.signal ? AbortSignal.any([context.signal, idle.signal]) : idle.signal;
  const fail = (error: unknown): never => {
    throw networkError(error, shown, context, idle.fired());
  };
  try {
    const response = await fetch(url, { signal }).catch(fail);
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw statusError(response, shown);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxDownloadBytes) {
      throw new InputError(`${shown} is ${declared} bytes, over the ${maxDownloadBytes}-byte cap`);
    }
    const folder = await mkdtemp(join(context.tempDir, 'osv-'));
    const path = join(folder, name);
    context.logger.debug({ url: shown, path }, 'osv: downloading');
    const body = response.body ? Readable.fromWeb(response.body) : Readable.from([]);
    await pipeline(body, capped(shown, idle.touch), createWriteStream(path, { flags: 'wx' })).catch(
      (error: unknown) => {
        // The cap is our own verdict on the content, and a failed write (disk full) is ours
        // too; everything else is the transfer failing.
        const local = error instanceof InputError || (error instanceof Error && 'syscall' in error);
        throw local ? error : networkError(error, shown, context, idle.fired());
      }
    );
    return { path, name, shown };
  } finally {
    idle.clear();
  }
}

function parseUrl(location: string): URL {
  let url: URL;
  try {
    url = new URL(location);
  } catch (error) {
    throw new UsageError(`${location} is not a valid URL`, { cause: error });
  }
  // fetch refuses them, and they would end up in logs and messages.
  if (url.username !== '' || url.password !== '') {
    throw new UsageError(`${url.origin}${url.pathname}: credentials in the URL are not supported`);
  }
  return url;
}

/** A safe file name from the URL: no separators, never empty, never `.` or `..`. */
function lastSegment(url: URL): string {
  let segment = posix.basename(url.pathname);
  try {
    segment = decodeURIComponent(segment);
  } catch {
    // A malformed escape is kept as written.
  }
  const safe = segment.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === '' || /^\.+$/.test(safe) ? 'download' : safe;
}

function capped(
  shown: string,
  touch: () => void
): (source: AsyncIterable<Buffer>) => AsyncGenerator<Buffer> {
  return async function* limit(source) {
    let total = 0;
    for await (const chunk of source) {
      touch();
      total += chunk.length;
      if (total > maxDownloadBytes) {
        throw new InputError(`${shown} sends more than the ${maxDownloadBytes}-byte cap`);
      }
      yield chunk;
    }
  };
}

function statusError(response: Response, shown: string): Error {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status === 404 || response.status === 410) {
    return new NotFoundError(`${shown}: ${status}`);
  }
  return new ExternalHostError(`${shown}: ${status}`);
}

/** The caller's own abort stays an abort; a timeout or a broken connection is the host's. */
function networkError(
  error: unknown,
  shown: string,
  context: SourceContext,
  timedOut: boolean
): unknown {
  if (context.signal?.aborted === true) {
    return context.signal.reason;
  }
  if (timedOut) {
    return new ExternalHostError(`${shown}: no data for ${context.timeoutMs} ms`, {
      cause: error,
    });
  }
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : undefined;
  const reason =
    cause === undefined ? describeError(error) : `${describeError(error)}: ${describeError(cause)}`;
  return new ExternalHostError(`${shown}: ${reason}`, { cause: error });
}

interface IdleTimeout {
  signal: AbortSignal;
  /** Restarts the clock: the server just sent something. */
  touch: () => void;
  fired: () => boolean;
  clear: () => void;
}

function idleTimeout(ms: number): IdleTimeout {
  const controller = new AbortController();
  let fired = false;
  const expire = (): void => {
    fired = true;
    controller.abort(new Error(`no data for ${ms} ms`));
  };
  let timer = setTimeout(expire, ms);
  return {
    signal: controller.signal,
    touch: () => {
      clearTimeout(timer);
      timer = setTimeout(expire, ms);
    },
    fired: () => fired,
    clear: () => clearTimeout(timer),
  };
}
