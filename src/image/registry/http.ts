import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import { ExternalHostError, InputError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { describeUrl } from '../../core/url.js';
import {
  errorCode,
  isRetryableError,
  isRetryableStatus,
  isTimeoutError,
  parseRetryAfter,
  retryDelay,
  type BackoffPolicy,
} from './retry.js';

export interface HttpClientOptions {
  logger: Logger;
  maxRetries: number;
  timeoutMs: number;
  /** Accept self-signed TLS, and redirects from HTTPS down to plain HTTP. */
  insecure: boolean;
  backoff: BackoffPolicy;
  signal?: AbortSignal;
}

export interface HttpRequest {
  url: URL;
  method?: 'GET' | 'POST';
  /** Lowercase names. `authorization` is dropped when a redirect leaves the origin. */
  headers?: Record<string, string>;
  body?: string;
  /** Who answers, for messages: `registry 127.0.0.1:5000`, `token service auth.docker.io`. */
  target: string;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: URL;
}

export interface StreamResponse extends HttpResponse {
  body: Readable;
}

export interface BufferedResponse extends HttpResponse {
  data: Buffer;
}

type Body = Dispatcher.ResponseData['body'];

interface RawResponse extends HttpResponse {
  body: Body;
}

const maxRedirects = 5;
/** Error bodies are read for their error codes only; the start of one is plenty. */
const maxErrorBodyBytes = 64 * 1024;
const userAgent = 'palisade';

function isRedirect(status: number): boolean {
  return [301, 302, 303, 307, 308].includes(status);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(
  body: Readable,
  limit: number
): Promise<{ data: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (total + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - total));
      abandon(body);
      return { data: Buffer.concat(chunks), truncated: true };
    }
    total += chunk.length;
    chunks.push(chunk);
  }
  return { data: Buffer.concat(chunks), truncated: false };
}

/** Drops a body we will not read; undici reports the abort as an error nobody needs. */
function abandon(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** The start of an error response, for its error codes; the rest is dropped. */
export async function readErrorBody(body: Readable): Promise<Buffer> {
  return (await readBody(body, maxErrorBodyBytes)).data;
}

async function discard(body: Body): Promise<void> {
  try {
    await body.dump({ limit: maxErrorBodyBytes });
  } catch {
    // The connection is dropped either way; nothing to report.
  }
}

/**
 * Where a redirect leads, if we may follow it: HTTP(S) only, and never from HTTPS down to
 * plain HTTP unless the user allowed insecure registries.
 */
export function redirectTarget(
  from: URL,
  location: string,
  insecure: boolean,
  target: string
): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch (error) {
    throw new ExternalHostError(`${target} sent an invalid redirect`, { cause: error });
  }
  if (next.protocol !== 'https:' && next.protocol !== 'http:') {
    throw new ExternalHostError(`${target} redirected to a ${next.protocol} URL`);
  }
  if (from.protocol === 'https:' && next.protocol === 'http:' && !insecure) {
    throw new ExternalHostError(
      `${target} redirected from HTTPS to plain HTTP (${next.host}); allow it with --insecure`
    );
  }
  return next;
}

/**
 * HTTP for registries: one connection pool, retries with backoff on 429, 5xx and dropped
 * connections, and redirects followed by hand so credentials never leave their origin.
 */
export class HttpClient {
  readonly #agent: Agent;
  readonly #options: HttpClientOptions;

  constructor(options: HttpClientOptions) {
    this.#options = options;
    this.#agent = new Agent({
      connect: { timeout: options.timeoutMs, rejectUnauthorized: !options.insecure },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  /** Sends the request and hands back the body as a stream, for blobs of any size. */
  stream(request: HttpRequest): Promise<StreamResponse> {
    return this.#withRetries(request, (response) => Promise.resolve(response));
  }

  /**
   * Sends the request and reads the whole body: up to `maxBytes` of a success (more is an
   * InputError naming `what`), the first 64 KiB of an error. Reading is retried too.
   */
  fetch(request: HttpRequest, maxBytes: number, what: string): Promise<BufferedResponse> {
    return this.#withRetries(request, async (response) => {
      const ok = response.status >= 200 && response.status < 300;
      const limit = ok ? maxBytes : maxErrorBodyBytes;
      const declared = Number(header(response.headers, 'content-length') ?? Number.NaN);
      if (ok && declared > maxBytes) {
        abandon(response.body);
        throw new InputError(`${what} is ${declared} bytes, more than the ${maxBytes} allowed`);
      }
      const { data, truncated } = await readBody(response.body, limit);
      if (ok && truncated) {
        throw new InputError(`${what} is larger than the ${maxBytes} bytes allowed`);
      }
      return { status: response.status, headers: response.headers, url: response.url, data };
    });
  }

  /** True when anything answers HTTP at `url`: how we tell an HTTPS registry from a plain one. */
  async answers(url: URL): Promise<boolean> {
    try {
      const response = await request(url, {
        dispatcher: this.#agent,
        method: 'GET',
        headers: { 'user-agent': userAgent },
        ...(this.#options.signal ? { signal: this.#options.signal } : {}),
      });
      await discard(response.body);
      return true;
    } catch (error) {
      this.#options.logger.debug({ url: describeUrl(url), code: errorCode(error) }, 'probe failed');
      return false;
    }
  }

  async close(): Promise<void> {
    if (!this.#agent.destroyed) {
      await this.#agent.destroy();
    }
  }

  async #withRetries<T>(
    request: HttpRequest,
    consume: (response: RawResponse) => Promise<T>
  ): Promise<T> {
    const { maxRetries, logger, backoff, signal } = this.#options;
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < maxRetries;
      let response: RawResponse;
      try {
        response = await this.#followRedirects(request);
      } catch (error) {
        if (!canRetry || !isRetryableError(error)) {
          throw this.#unreachable(request, error, attempt + 1);
        }
        const delayMs = retryDelay(attempt, undefined, backoff);
        logger.debug(
          { url: describeUrl(request.url), code: errorCode(error), delayMs },
          'retrying'
        );
        await sleep(delayMs, undefined, signal ? { signal } : {});
        continue;
      }
      if (isRetryableStatus(response.status)) {
        await discard(response.body);
        if (!canRetry) {
          throw this.#gaveUp(request, response.status, attempt + 1);
        }
        const retryAfter = parseRetryAfter(response.headers['retry-after']);
        const delayMs = retryDelay(attempt, retryAfter, backoff);
        logger.debug(
          { url: describeUrl(request.url), status: response.status, delayMs },
          'retrying'
        );
        await sleep(delayMs, undefined, signal ? { signal } : {});
        continue;
      }
      try {
        return await consume(response);
      } catch (error) {
        if (!canRetry || !isRetryableError(error)) {
          throw error instanceof InputError
            ? error
            : this.#unreachable(request, error, attempt + 1);
        }
        await sleep(retryDelay(attempt, undefined, backoff), undefined, signal ? { signal } : {});
      }
    }
  }

  async #followRedirects(original: HttpRequest): Promise<RawResponse> {
    let url = original.url;
    const headers: Record<string, string> = { 'user-agent': userAgent, ...original.headers };
    const method = original.method ?? 'GET';
    for (let hop = 0; ; hop++) {
      const response = await request(url, {
        dispatcher: this.#agent,
        method,
        headers,
        ...(original.body === undefined ? {} : { body: original.body }),
        ...(this.#options.signal ? { signal: this.#options.signal } : {}),
      });
      const location = header(response.headers, 'location');
      if (method !== 'GET' || !isRedirect(response.statusCode) || location === undefined) {
        return { status: response.statusCode, headers: response.headers, url, body: response.body };
      }
      await discard(response.body);
      if (hop >= maxRedirects) {
        throw new ExternalHostError(
          `${original.target} redirected ${describeUrl(original.url)} more than ${maxRedirects} times`
        );
      }
      url = redirectTarget(url, location, this.#options.insecure, original.target);
      if (url.origin !== original.url.origin) {
        // Blob storage (S3, a CDN) is someone else: the registry's credentials stay home.
        delete headers['authorization'];
      }
    }
  }

  #unreachable(request: HttpRequest, error: unknown, attempts: number): Error {
    if (
      error instanceof ExternalHostError ||
      (error instanceof Error && error.name === 'AbortError')
    ) {
      return error;
    }
    const code = errorCode(error);
    const reason = isTimeoutError(error)
      ? `no answer within ${this.#options.timeoutMs} ms`
      : code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)
        ? `its TLS certificate is not trusted (${code}); allow it with --insecure`
        : (code ?? (error instanceof Error ? error.message : String(error)));
    return new ExternalHostError(
      `cannot reach ${request.target}${request.target.endsWith(request.url.host) ? '' : ` (${request.url.host})`}: ${reason}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`,
      { cause: error }
    );
  }

  #gaveUp(request: HttpRequest, status: number, attempts: number): ExternalHostError {
    const what =
      status === 429 ? 'is rate limiting requests (429 Too Many Requests)' : `answered ${status}`;
    return new ExternalHostError(
      `${request.target} ${what} for ${describeUrl(request.url)}; gave up after ${attempts} attempts`
    );
  }
}
