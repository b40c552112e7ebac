import { AuthenticationError } from '../../core/errors.js';
import { resolveCredentials } from '../auth/api.js';
import type { TokenCache } from '../auth/token-cache.js';
import type { BearerToken } from '../auth/token-response.js';
import type { AuthContext, AuthProvider, Credentials } from '../auth/types.js';
import { parseWwwAuthenticate } from '../auth/www-authenticate.js';
import type { HttpClient } from './http.js';
import { basicAuthorization, fetchBearerToken } from './token-client.js';

export interface AuthSessionOptions {
  http: HttpClient;
  /** The API host: the token cache key and the name in messages. */
  host: string;
  /** The registry as the reference names it (`docker.io`): what credentials are filed under. */
  credentialHost: string;
  context: AuthContext;
  providers: ReadonlyMap<string, AuthProvider>;
  cache: TokenCache;
  insecure: boolean;
}

const loginHint =
  'use --username/--password, PALISADE_REGISTRY_USERNAME/PALISADE_REGISTRY_PASSWORD or docker login';

/**
 * Authentication with one registry: credentials are looked up only when the registry first
 * asks (public images never run a credential helper), then the scheme it asked for is
 * remembered so later requests carry their credentials from the start.
 */
export class AuthSession {
  readonly #options: AuthSessionOptions;
  #credentials: Promise<Credentials> | undefined;
  /** The same credentials once known, for error messages. */
  #resolved: Credentials | undefined;
  #scheme: 'basic' | 'bearer' | undefined;
  readonly #pending = new Map<string, Promise<BearerToken>>();

  constructor(options: AuthSessionOptions) {
    this.#options = options;
  }

  /** The Authorization header to send up front, when an earlier challenge told us what works. */
  async authorization(scope: string): Promise<string | undefined> {
    if (this.#scheme === 'basic') {
      const credentials = await this.#resolve();
      return credentials.kind === 'basic'
        ? basicAuthorization(credentials.username, credentials.password)
        : undefined;
    }
    if (this.#scheme === 'bearer') {
      const token = this.#options.cache.get(this.#options.host, scope);
      return token === undefined ? undefined : `Bearer ${token}`;
    }
    return undefined;
  }

  /**
   * Answers a 401 with the Authorization header to retry with: always freshly earned, since
   * whatever we sent (an expired token, say) was just turned down.
   */
  async answer(
    header: string | string[] | undefined,
    scope: string,
    repository: string
  ): Promise<string> {
    const { host, cache, http, insecure, context } = this.#options;
    const challenges = parseWwwAuthenticate(header ?? []);
    const bearer = challenges.find((challenge) => challenge.scheme === 'bearer');
    const basic = challenges.find((challenge) => challenge.scheme === 'basic');
    const credentials = await this.#resolve();
    if (bearer !== undefined) {
      this.#scheme = 'bearer';
      cache.delete(host, scope);
      if (credentials.kind === 'registry-token') {
        return `Bearer ${credentials.token}`;
      }
      // Layers opened side by side all meet the same expired token: earn one new token.
      let pending = this.#pending.get(scope);
      if (pending === undefined) {
        pending = fetchBearerToken(http, {
          challenge: bearer,
          scope,
          credentials,
          host,
          repository,
          insecure,
        }).finally(() => this.#pending.delete(scope));
        this.#pending.set(scope, pending);
      }
      const token = await pending;
      cache.set(host, scope, token);
      context.logger.debug({ host, scope }, 'bearer token obtained');
      return `Bearer ${token.token}`;
    }
    if (basic !== undefined) {
      this.#scheme = 'basic';
      if (credentials.kind === 'basic') {
        return basicAuthorization(credentials.username, credentials.password);
      }
      throw this.refused(repository);
    }
    const schemes = challenges.map((challenge) => challenge.scheme).join(', ');
    throw new AuthenticationError(
      schemes === ''
        ? `registry ${host} answered 401 for repository ${repository} without an authentication challenge`
        : `registry ${host} asks for authentication palisade does not support (${schemes})`
    );
  }

  /** The error for a registry that still says no after we answered its challenge. */
  refused(repository: string): AuthenticationError {
    const { host } = this.#options;
    const credentials = this.#resolved;
    if (credentials === undefined || credentials.kind === 'anonymous') {
      return new AuthenticationError(
        `registry ${host} requires credentials for repository ${repository} and none were found (${loginHint}); a repository that does not exist can look the same`
      );
    }
    if (credentials.kind !== 'basic' && this.#scheme === 'basic') {
      return new AuthenticationError(
        `registry ${host} wants a username and password for repository ${repository}, but the credentials from ${credentials.source} are a token`
      );
    }
    return new AuthenticationError(
      `registry ${host} refused the credentials for repository ${repository} (credentials from ${credentials.source})`
    );
  }

  /** A 403: authenticated, and told no. */
  denied(repository: string): AuthenticationError {
    const source = this.#resolved?.source;
    return new AuthenticationError(
      `registry ${this.#options.host} denied access to repository ${repository}${source === undefined || source === 'anonymous' ? ` without credentials (${loginHint})` : ` with the credentials from ${source}`}`
    );
  }

  #resolve(): Promise<Credentials> {
    this.#credentials ??= resolveCredentials(
      this.#options.credentialHost,
      this.#options.context,
      this.#options.providers
    ).then((credentials) => {
      this.#resolved = credentials;
      return credentials;
    });
    return this.#credentials;
  }
}
