import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import { AuthenticationError, ExternalHostError, UsageError } from '../../../../core/errors.js';
import type { QueuePolicy } from '../../policy.js';

/** Where to connect, with the credentials kept apart from `hostPort`, the only part we print. */
export interface NatsAddress {
  hostPort: string;
  user?: string;
  pass?: string;
  /** Names the streams instead of the queue option: several deployments can share a server. */
  prefix?: string;
  /** The lease (`ack_wait`) in milliseconds instead of the queue option. */
  leaseMs?: number;
}

/** `nats://[user:pass@]host[:port][?prefix=NAME][&lease=MS]`; the port defaults to 4222. */
export function parseNatsUrl(url: URL): NatsAddress {
  if (url.protocol !== 'nats:') {
    throw new UsageError(`a NATS queue URL starts with nats://, not ${url.protocol}//`);
  }
  if (url.hostname === '') {
    throw new UsageError('a NATS queue URL names a host: nats://host:port');
  }
  const query = [...url.searchParams.keys()];
  if (
    (url.pathname !== '' && url.pathname !== '/') ||
    query.some((key) => key !== 'prefix' && key !== 'lease')
  ) {
    throw new UsageError(
      'a NATS queue URL is nats://host:port[?prefix=NAME][&lease=MS], without a path or other query'
    );
  }
  const lease = url.searchParams.get('lease');
  if (lease !== null && (!/^[1-9][0-9]{2,8}$/.test(lease) || Number(lease) < 100)) {
    throw new UsageError(
      'the lease= of a NATS queue URL is a whole number of milliseconds, at least 100'
    );
  }
  const prefix = url.searchParams.get('prefix');
  if (prefix !== null && !/^[a-z0-9][a-z0-9-]{0,39}$/.test(prefix)) {
    throw new UsageError(
      'the prefix= of a NATS queue URL is lower-case letters, digits and dashes (40 at most)'
    );
  }
  const address: NatsAddress = {
    hostPort: `${url.hostname}:${url.port || '4222'}`,
    ...(prefix !== null ? { prefix } : {}),
    ...(lease !== null ? { leaseMs: Number(lease) } : {}),
  };
  if (url.username !== '') {
    address.user = decodeURIComponent(url.username);
    address.pass = decodeURIComponent(url.password);
  }
  return address;
}

export interface JetStreamConnection {
  nc: NatsConnection;
  jsm: JetStreamManager;
  /** For messages: where the server is, without credentials. */
  hostPort: string;
}

/**
 * Connects and checks that the server has JetStream. Errors name host:port and never the
 * credentials: they are passed to the client as options, not inside a URL it might echo.
 */
export async function connectJetStream(
  address: NatsAddress,
  policy: QueuePolicy
): Promise<JetStreamConnection> {
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: address.hostPort,
      name: 'palisade',
      timeout: policy.connectTimeoutMs,
      maxReconnectAttempts: -1,
      ...(address.user === undefined ? {} : { user: address.user, pass: address.pass }),
    });
  } catch (error) {
    throw connectError(address, error);
  }
  try {
    const jsm = await nc.jetstreamManager();
    return { nc, jsm, hostPort: address.hostPort };
  } catch (error) {
    await nc.close();
    throw new ExternalHostError(
      `NATS at ${address.hostPort} has no JetStream: start nats-server with -js (--jetstream)`,
      { cause: error }
    );
  }
}

function connectError(address: NatsAddress, error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  if (code === 'AUTHORIZATION_VIOLATION' || code === 'BAD_AUTHENTICATION') {
    return new AuthenticationError(`NATS at ${address.hostPort} refused the credentials`, {
      cause: error,
    });
  }
  const reason = typeof code === 'string' ? code.toLowerCase().replace(/_/g, ' ') : 'no answer';
  return new ExternalHostError(`cannot reach NATS at ${address.hostPort}: ${reason}`, {
    cause: error,
  });
}
