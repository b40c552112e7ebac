import { createSocket } from 'node:dgram';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { ExternalHostError } from '../../../core/errors.js';
import { octetCounted } from './rfc5424.js';

export const syslogTransports = ['udp', 'tcp', 'tls'] as const;
export type SyslogTransport = (typeof syslogTransports)[number];

export interface Destination {
  transport: SyslogTransport;
  host: string;
  port: number;
  /** TLS: PEM certificates to trust instead of the system's. */
  ca?: string;
  /** TLS: the name the certificate must carry, when it is not `host`. */
  serverName?: string;
}

function targetOf(destination: Destination): string {
  const host = isIP(destination.host) === 6 ? `[${destination.host}]` : destination.host;
  return `${destination.transport}://${host}:${destination.port}`;
}

/** One datagram per message: UDP says nothing of delivery, so only local errors fail it. */
async function sendUdp(destination: Destination, line: string, timeoutMs: number): Promise<void> {
  const socket = createSocket(isIP(destination.host) === 6 ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not sent within ${timeoutMs} ms`)),
        timeoutMs
      );
      socket.once('error', reject);
      socket.send(Buffer.from(line, 'utf8'), destination.port, destination.host, (error) => {
        clearTimeout(timer);
        if (error) {
          reject(error);
        } else {
          resolve();
        }
      });
    });
  } finally {
    socket.close();
  }
}

/**
 * Opens a stream, writes one octet-counted frame and half-closes it, then waits for the
 * receiver to close too (closing at once could reset the connection before it read the frame).
 * Once the frame is written, a receiver that lingers or resets is not a failure.
 */
async function sendStream(
  destination: Destination,
  line: string,
  timeoutMs: number
): Promise<void> {
  const frame = octetCounted(line);
  await new Promise<void>((resolve, reject) => {
    const ready = destination.transport === 'tls' ? 'secureConnect' : 'connect';
    const servername =
      destination.serverName ?? (isIP(destination.host) === 0 ? destination.host : undefined);
    const socket: Socket =
      destination.transport === 'tls'
        ? connectTls({
            host: destination.host,
            port: destination.port,
            ...(servername !== undefined ? { servername } : {}),
            ...(destination.ca !== undefined ? { ca: destination.ca } : {}),
            minVersion: 'TLSv1.2',
          })
        : connectTcp({ host: destination.host, port: destination.port });
    let written = false;
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) {
        return;
      }
      settled = true;
      socket.destroy();
      if (error !== undefined && !written) {
        reject(error);
      } else {
        resolve();
      }
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`no progress within ${timeoutMs} ms`)));
    socket.once('error', finish);
    socket.once('close', () =>
      finish(new Error('the connection closed before the frame was sent'))
    );
    socket.once(ready, () => {
      // Read (and drop) whatever the receiver sends, so its close is seen.
      socket.resume();
      socket.end(frame, () => {
        written = true;
      });
    });
  });
}

/** Sends one syslog line; failures are `ExternalHostError`s naming `transport://host:port`. */
export async function sendSyslog(
  destination: Destination,
  line: string,
  timeoutMs: number
): Promise<void> {
  try {
    if (destination.transport === 'udp') {
      await sendUdp(destination, line, timeoutMs);
    } else {
      await sendStream(destination, line, timeoutMs);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExternalHostError(`syslog ${targetOf(destination)}: ${reason}`, { cause: error });
  }
}

export { targetOf };
