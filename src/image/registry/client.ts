import type { Readable } from 'node:stream';
import { IntegrityError } from '../../core/errors.js';
import { digestOf, parseDigest } from '../../core/digest.js';
import type { AuthProvider } from '../auth/types.js';
import type { OpenOptions } from '../source/types.js';
import { RegistryEndpoint } from './endpoint.js';
import {
  readErrorBody,
  type BufferedResponse,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from './http.js';
import type { ImageReference } from './reference.js';
import { parseRegistryErrors, registryFailure, type Subject } from './registry-errors.js';
import type { BackoffPolicy } from './retry.js';

export interface RegistryClientOptions {
  reference: ImageReference;
  open: OpenOptions;
  backoff: BackoffPolicy;
  providers: ReadonlyMap<string, AuthProvider>;
  /** A registry endpoint to share (its pool and tokens); the client then leaves it open. */
  endpoint?: RegistryEndpoint;
}

/** The Distribution API of one repository on one registry, with authentication handled. */
export class RegistryClient {
  readonly host: string;
  readonly #reference: ImageReference;
  readonly #endpoint: RegistryEndpoint;
  readonly #http: HttpClient;
  readonly #ownsEndpoint: boolean;

  constructor(options: RegistryClientOptions) {
    const { reference, open } = options;
    this.host = reference.apiHost;
    this.#reference = reference;
    this.#ownsEndpoint = options.endpoint === undefined;
    this.#endpoint =
      options.endpoint ??
      new RegistryEndpoint({
        apiHost: reference.apiHost,
        domain: reference.domain,
        open,
        backoff: options.backoff,
        providers: options.providers,
      });
    this.#http = this.#endpoint.http;
  }

  /** A manifest by tag or digest, read whole (up to `maxBytes`). */
  async fetchManifest(
    reference: string,
    accept: readonly string[],
    maxBytes: number
  ): Promise<BufferedResponse> {
    const subject: Subject = { kind: 'manifest', reference, isTag: !reference.includes(':') };
    const path = `manifests/${reference}`;
    const response = await this.#authorized(path, { accept: accept.join(', ') }, (request) =>
      this.#http.fetch(request, maxBytes, `manifest ${reference} of ${this.#reference.name}`)
    );
    if (response.status === 404) {
      throw await this.#missingManifest(response.data, subject);
    }
    if (response.status !== 200) {
      throw this.#failure(response.status, response.data, subject);
    }
    return response;
  }

  /** A small blob (a config) read whole and checked against its digest and size. */
  async fetchBlob(
    digest: string,
    expectedSize: number,
    maxBytes: number,
    role: string
  ): Promise<Buffer> {
    const subject: Subject = { kind: 'blob', digest, role };
    const what = `${role} blob ${digest} of ${this.#reference.name}`;
    const response = await this.#authorized(`blobs/${digest}`, {}, (request) =>
      this.#http.fetch(request, maxBytes, what)
    );
    if (response.status !== 200) {
      throw this.#failure(response.status, response.data, subject);
    }
    const actual = digestOf(response.data, parseDigest(digest).algorithm);
    if (actual !== digest) {
      throw new IntegrityError(
        `${what}: digest mismatch, the registry sent content that hashes to ${actual}`
      );
    }
    if (response.data.length !== expectedSize) {
      throw new IntegrityError(
        `${what}: the manifest says ${expectedSize} bytes but the blob has ${response.data.length}`
      );
    }
    return response.data;
  }

  /** A blob as a stream, following redirects to blob storage. The caller checks the digest. */
  async openBlob(digest: string, role: string): Promise<Readable> {
    const response = await this.#authorized(`blobs/${digest}`, {}, (request) =>
      this.#http.stream(request)
    );
    if (response.status !== 200) {
      const body = await readErrorBody(response.body);
      throw this.#failure(response.status, body, { kind: 'blob', digest, role });
    }
    return response.body;
  }

  /**
   * A blob from a URL the manifest lists (foreign layers). No registry credentials go there:
   * it is another host, trusted only because the caller checks the digest.
   */
  async openUrl(url: string): Promise<Readable | undefined> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && this.#endpoint.insecure)) {
      return undefined;
    }
    const response = await this.#http.stream({ url: parsed, target: `layer host ${parsed.host}` });
    if (response.status !== 200) {
      await readErrorBody(response.body);
      return undefined;
    }
    return response.body;
  }

  async close(): Promise<void> {
    if (this.#ownsEndpoint) {
      await this.#endpoint.close();
    }
  }

  /**
   * Sends a request to the repository, answering one authentication challenge. 401 and 403
   * end here as AuthenticationError; other statuses go back to the caller to name.
   */
  #authorized<T extends HttpResponse>(
    path: string,
    headers: Record<string, string>,
    send: (request: HttpRequest) => Promise<T>
  ): Promise<T> {
    const repository = this.#reference.repository;
    return this.#endpoint.authorized(
      `${repository}/${path}`,
      { scope: `repository:${repository}:pull`, resource: repository },
      headers,
      send
    );
  }

  /**
   * Distribution answers MANIFEST_UNKNOWN for a tag of a repository that does not exist, so
   * the tag list is asked which of the two is missing. Only on this error path, and any
   * failure there (listing may be forbidden) leaves the original answer standing.
   */
  async #missingManifest(body: Uint8Array, subject: Subject): Promise<Error> {
    const original = this.#failure(404, body, subject);
    if (parseRegistryErrors(body).some((error) => error.code === 'NAME_UNKNOWN')) {
      return original;
    }
    try {
      const tags = await this.#authorized('tags/list?n=1', {}, (request) =>
        this.#http.fetch(request, 64 * 1024, `tag list of ${this.#reference.repository}`)
      );
      return tags.status === 404 ? this.#failure(404, tags.data, subject) : original;
    } catch {
      return original;
    }
  }

  #failure(status: number, body: Uint8Array, subject: Subject): Error {
    return registryFailure(status, body, {
      host: this.host,
      repository: this.#reference.repository,
      image: this.#reference.name,
      subject,
    });
  }
}
