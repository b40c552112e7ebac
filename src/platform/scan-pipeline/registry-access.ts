import { UsageError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { givenCredentialsOnly, type OpenOptions } from '../../image/index.js';
import type { RegistryWithSecret } from '../store/index.js';

/** How the pipeline talks to registries. */
export interface RegistryAccessOptions {
  logger: Logger;
  /** Per-request timeout; 60 s by default. */
  timeoutMs: number;
  /** Retries of one request on 429, 5xx and dropped connections; 4 by default. */
  maxRetries: number;
  /** The platform picked from multi-platform images; linux/amd64 by default. */
  platform: OpenOptions['platform'];
}

/**
 * Where a stored registry URL points: `https://ghcr.io` and `ghcr.io` are HTTPS, `http://host`
 * is plain HTTP (and then self-signed TLS is accepted too, as the registry client does for
 * insecure registries). A path after the host is refused: the Distribution API sits at `/v2/`.
 */
export function registryHost(url: string): { host: string; plainHttp: boolean } {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  let parsed: URL;
  try {
    parsed = new URL(scheme === undefined ? `https://${url}` : url);
  } catch {
    throw new UsageError(`registry URL ${JSON.stringify(url.slice(0, 200))} does not parse`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new UsageError(`registry URL scheme ${parsed.protocol} is not http: or https:`);
  }
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search !== '') {
    throw new UsageError('a registry URL is [http[s]://]host[:port], without a path');
  }
  return { host: parsed.host, plainHttp: parsed.protocol === 'http:' };
}

/** Open options for one registry, with its stored credentials and nothing from this host. */
export function openOptionsFor(
  registry: RegistryWithSecret,
  access: RegistryAccessOptions,
  signal?: AbortSignal
): { host: string; open: OpenOptions } {
  const { host, plainHttp } = registryHost(registry.url);
  return {
    host,
    open: {
      platform: access.platform,
      logger: access.logger,
      ...(signal ? { signal } : {}),
      registry: {
        insecure: plainHttp,
        // A user name without a secret cannot log in anywhere: such a registry is anonymous.
        ...(registry.username !== undefined && registry.secret !== undefined
          ? { username: registry.username, password: registry.secret }
          : {}),
        env: {},
        maxRetries: access.maxRetries,
        timeoutMs: access.timeoutMs,
      },
    },
  };
}

export const registryProviders = givenCredentialsOnly;
