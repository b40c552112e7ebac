import type { Readable } from 'node:stream';
import { TokenCache } from '../auth/token-cache.js';
import type { AuthProvider } from '../auth/types.js';
import type { OpenOptions } from '../source/types.js';
import { AuthSession } from './auth-session.js';
import { HttpClient, readErrorBody, type HttpRequest, type HttpResponse } from './http.js';
import type { BackoffPolicy } from './retry.js';

export interface RegistryEndpointOptions {
  /** Where the Distribution API answers (`registry-1.docker.io`, `127.0.0.1:5000`). */
  apiHost: string;
  /** The registry as references name it (`docker.io`): what credentials are filed under. */
  domain: string;
  open: OpenOptions;
  backoff: BackoffPolicy;
  providers: ReadonlyMap<string, AuthProvider>;
}

/**
 * One registry's API root: the connection pool, the authentication session and the base URL,
 * shared by everything asked of that registry (manifests and blobs of any repository, the
 * catalog, tag lists), so they all reuse one pool and one set of tokens.
 */
export class RegistryEndpoint {
  readonly host: string;
  readonly http: HttpClient;
  readonly insecure: boolean;
  readonly #session: AuthSession;
  #base: Promise<URL> | undefined;

  constructor(options: RegistryEndpointOptions) {
    const { open } = options;
    this.host = options.apiHost;
    this.insecure = open.registry.insecure;
    this.http = new HttpClient({
      logger: open.logger,
      maxRetries: open.registry.maxRetries,
      timeoutMs: open.registry.timeoutMs,
      insecure: open.registry.insecure,
      backoff: options.backoff,
      ...(open.signal ? { signal: open.signal } : {}),
    });
    this.#session = new AuthSession({
      http: this.http,
      host: options.apiHost,
      credentialHost: options.domain,
      context: {
        registry: open.registry,
        logger: open.logger,
        ...(open.signal ? { signal: open.signal } : {}),
      },
      providers: options.providers,
      cache: new TokenCache(),
      insecure: open.registry.insecure,
    });
  }

  /**
   * Sends a request to `/v2/<path>` (a path and query, or a URL the registry handed us such
   * as a `Link` to the next page), answering one authentication challenge for `scope`. 401 and
   * 403 end here as AuthenticationError naming `resource`; other statuses go back to the caller.
   */
  async authorized<T extends HttpResponse>(
    path: string | URL,
    access: { scope: string; resource: string },
    headers: Record<string, string>,
    send: (request: HttpRequest) => Promise<T>
  ): Promise<T> {
    const url = typeof path === 'string' ? new URL(`/v2/${path}`, await this.baseUrl()) : path;
    const { scope, resource } = access;
    const target = `registry ${this.host}`;
    const request = (authorization: string | undefined): HttpRequest => ({
      url,
      headers: authorization === undefined ? headers : { ...headers, authorization },
      target,
    });
    let response = await send(request(await this.#session.authorization(scope)));
    if (response.status === 401) {
      await release(response);
      const authorization = await this.#session.answer(
        response.headers['www-authenticate'],
        scope,
        resource
      );
      response = await send(request(authorization));
      if (response.status === 401) {
        await release(response);
        throw this.#session.refused(resource);
      }
    }
    if (response.status === 403) {
      await release(response);
      throw this.#session.denied(resource);
    }
    return response;
  }

  /**
   * HTTPS, unless the user allowed insecure registries: then HTTPS if the registry speaks it
   * (with any certificate), else plain HTTP, as Docker does for its insecure registries.
   */
  baseUrl(): Promise<URL> {
    this.#base ??= (async () => {
      const https = new URL(`https://${this.host}/`);
      if (!this.insecure || (await this.http.answers(new URL('/v2/', https)))) {
        return https;
      }
      return new URL(`http://${this.host}/`);
    })();
    return this.#base;
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}

async function release(response: HttpResponse): Promise<void> {
  if ('body' in response && isReadable(response.body)) {
    try {
      await readErrorBody(response.body);
    } catch {
      // Only freeing the connection; the status already says what happened.
    }
  }
}

function isReadable(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && 'pipe' in body;
}
