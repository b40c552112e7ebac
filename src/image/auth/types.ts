import type { Logger } from '../../core/logger.js';
import type { RegistryOptions } from '../source/types.js';

/**
 * What a provider found for a registry. `source` names the provider for messages ("refused
 * the credentials from docker-config"); it never holds the secret itself.
 */
export type Credentials =
  | { kind: 'basic'; username: string; password: string; source: string }
  /** An OAuth2 refresh token (`docker login` to some registries, `<token>` from a helper). */
  | { kind: 'identity-token'; token: string; username?: string; source: string }
  /** A bearer token to send to the registry as it is, without asking a token service. */
  | { kind: 'registry-token'; token: string; source: string }
  | { kind: 'anonymous'; source: string };

export interface AuthContext {
  registry: RegistryOptions;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * One place credentials may come from. Providers are asked in the order of `authProviders`
 * in `api.ts`; the first that answers wins.
 */
export interface AuthProvider {
  /** Short kebab-case name, also the `source` of what it returns. */
  readonly id: string;
  readonly description: string;
  /**
   * `host` is the registry as the reference names it (`docker.io`, `127.0.0.1:5000`).
   * Returns undefined when this provider has nothing for the host.
   */
  resolve(host: string, context: AuthContext): Promise<Credentials | undefined>;
}
