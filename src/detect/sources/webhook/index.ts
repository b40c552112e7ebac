import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:https';
import { UsageError } from '../../../core/errors.js';
import { silentLogger, type Logger } from '../../../core/logger.js';
import type { EventSink, EventSource } from '../../source/types.js';
import { Receiver, type WebhookSummary } from './receiver.js';

export type { WebhookSummary } from './receiver.js';

export const webhookDefaults = {
  /** Events accepted and not yet judged; 25 of the API server's largest batches (400). */
  queueCapacity: 10_000,
  maxBodyBytes: 32 * 1024 * 1024,
} as const;

export interface WebhookSourceOptions {
  host: string;
  /** 0 picks a free port; `onListening` says which. */
  port: number;
  tls: {
    certPem: string;
    keyPem: string;
    /** Require client certificates signed by this CA. */
    clientCaPem?: string;
  };
  /** Require `Authorization: Bearer <token>` (the webhook kubeconfig's user token). */
  token?: string;
  queueCapacity?: number;
  /** Per POST, before and after gzip. */
  maxBodyBytes?: number;
  maxEventBytes?: number;
  /** The cluster the API server posting here belongs to. */
  cluster?: string;
  onListening?: (url: string) => void;
  logger?: Logger;
}

export interface WebhookSource extends EventSource<WebhookSourceOptions> {
  run(options: WebhookSourceOptions, sink: EventSink, signal: AbortSignal): Promise<WebhookSummary>;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => {
      const code = 'code' in error && typeof error.code === 'string' ? error.code : error.message;
      reject(new UsageError(`cannot listen on ${host}:${port} (${code})`, { cause: error }));
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `https://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
    } else {
      signal.addEventListener('abort', () => resolve(), { once: true });
    }
  });
}

/**
 * The API server's audit webhook backend: an HTTPS endpoint taking `EventList` POSTs through a
 * bounded queue. See readme.md.
 */
export const webhookSource: WebhookSource = {
  name: 'webhook',
  description:
    "HTTPS endpoint for the API server's audit webhook backend (EventList POSTs, bounded queue, 429 when full)",
  async run(options, sink, signal) {
    const logger = options.logger ?? silentLogger;
    const receiver = new Receiver(
      {
        queueCapacity: options.queueCapacity ?? webhookDefaults.queueCapacity,
        maxBodyBytes: options.maxBodyBytes ?? webhookDefaults.maxBodyBytes,
        maxEventBytes: options.maxEventBytes,
        credentials: {
          token: options.token,
          clientCertificates: options.tls.clientCaPem !== undefined,
        },
        cluster: options.cluster,
        logger,
      },
      sink
    );
    if (signal.aborted) {
      return receiver.summary;
    }
    const server = createServer(
      {
        cert: options.tls.certPem,
        key: options.tls.keyPem,
        minVersion: 'TLSv1.2',
        ...(options.tls.clientCaPem !== undefined
          ? // Checked per request, so /healthz answers a probe without a certificate.
            { ca: options.tls.clientCaPem, requestCert: true, rejectUnauthorized: false }
          : {}),
      },
      receiver.handle
    );
    server.on('tlsClientError', (error) => {
      logger.debug({ err: error }, 'audit webhook TLS handshake failed');
    });
    await listen(server, options.host, options.port);
    const url = urlOf(server, options.host);
    logger.info({ url }, 'audit webhook listening');
    options.onListening?.(url);
    const consumer = receiver.consume();
    const closed = new Promise<void>((resolve) => {
      server.once('close', () => resolve());
    });
    try {
      await Promise.race([aborted(signal), consumer]);
    } finally {
      // New connections stop now; requests still in flight are answered 503.
      receiver.stop();
      server.close();
      server.closeIdleConnections();
    }
    try {
      await consumer;
    } finally {
      server.closeAllConnections();
      await closed;
    }
    return receiver.summary;
  },
};
