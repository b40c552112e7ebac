import type { FastifyRequest } from 'fastify';
import type { Store, TokenRole } from '../store/index.js';
import { HttpError } from './errors.js';
import type { FailureLimiter } from './failure-limiter.js';

/** Who may call a route: nobody needs a token, an API token of at least a role, or a webhook token. */
export type Access = 'public' | TokenRole | 'webhook';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares it; `buildServer` refuses a route without it. */
    access?: Access;
  }
  interface FastifyRequest {
    /** The API token's holder, or the webhook token's cluster, once authenticated. */
    caller?:
      | { kind: 'token'; id: string; name: string; role: TokenRole }
      | { kind: 'webhook'; clusterId: string };
  }
}

const roleRank: Record<TokenRole, number> = { reader: 0, operator: 1, admin: 2 };

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function refused(limiter: FailureLimiter, ip: string, message: string): HttpError {
  limiter.fail(ip);
  return new HttpError(401, 'unauthorized', message, undefined, {
    'www-authenticate': 'Bearer',
  });
}

/**
 * Authenticates a request for its route's `access`: throws 401 for a missing or unknown token
 * (counted against the client IP), 429 once the IP failed too often, 403 for a role too low.
 */
export async function authenticate(
  request: FastifyRequest,
  store: Store,
  limiter: FailureLimiter
): Promise<void> {
  // An unknown path answers 404 to any valid token and 401 to everyone else.
  const access = request.is404 ? 'reader' : (request.routeOptions.config.access ?? 'admin');
  if (access === 'public') {
    return;
  }
  const wait = limiter.blocked(request.ip);
  if (wait !== undefined) {
    throw new HttpError(
      429,
      'too_many_requests',
      'too many failed authentications from this address; try again later',
      undefined,
      { 'retry-after': String(wait) }
    );
  }
  const token = bearer(request);
  if (token === undefined) {
    throw refused(limiter, request.ip, 'an Authorization: Bearer token is required');
  }
  if (access === 'webhook') {
    const params = request.params as { id?: string };
    const found = await store.webhookTokens.verify(token);
    if (found === undefined || found.clusterId !== params.id) {
      throw refused(limiter, request.ip, "the token is not this cluster's webhook token");
    }
    request.caller = { kind: 'webhook', clusterId: found.clusterId };
    return;
  }
  const holder = await store.tokens.verify(token);
  if (holder === undefined) {
    throw refused(limiter, request.ip, 'the token is unknown or revoked');
  }
  if (roleRank[holder.role] < roleRank[access]) {
    throw new HttpError(
      403,
      'forbidden',
      `this needs the ${access} role; the token is ${holder.role}`
    );
  }
  request.caller = { kind: 'token', ...holder };
}
