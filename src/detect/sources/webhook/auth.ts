import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Credentials {
  /** Required as `Authorization: Bearer <token>` when set. */
  token: string | undefined;
  /** Client certificates are checked (against the CA the server was given) when true. */
  clientCertificates: boolean;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Whether the request carries what the endpoint requires. Tokens are compared as digests of
 * equal length in constant time, so the time taken says nothing about the token.
 */
export function authorized(request: IncomingMessage, credentials: Credentials): boolean {
  if (credentials.clientCertificates) {
    // Set by the TLS layer: the peer's certificate chains to the CA the server was given.
    const socket = request.socket;
    if (!('authorized' in socket) || socket.authorized !== true) {
      return false;
    }
  }
  if (credentials.token === undefined) {
    return true;
  }
  const match = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '');
  const offered = match?.[1] ?? '';
  const same = timingSafeEqual(digest(offered), digest(credentials.token));
  return same && match !== null;
}
