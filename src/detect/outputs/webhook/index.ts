import type { Alert } from '../../../core/alert.js';
import { UsageError } from '../../../core/errors.js';
import { silentLogger, type Logger } from '../../../core/logger.js';
import { describeUrl } from '../../../core/url.js';
import type { AlertOutput } from '../../output/types.js';

export interface WebhookOutputOptions {
  url: string;
  /** Sent as `Authorization: Bearer …` when given. */
  token?: string;
  timeoutMs?: number;
  /** Attempts per batch, with exponential backoff from `backoffMs`. */
  attempts?: number;
  backoffMs?: number;
  logger?: Logger;
}

/**
 * POSTs `{"alerts":[…]}` as JSON to a URL (Falcosidekick, a SIEM's HTTP collector, a chat
 * relay). A batch that keeps failing is logged with its size and dropped, so a dead receiver
 * cannot make the server's memory grow without end.
 */
export function webhookOutput(options: WebhookOutputOptions): AlertOutput {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new UsageError('--alerts-webhook is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--alerts-webhook must be an http(s) URL, not ${url.protocol}`);
  }
  const logger = options.logger ?? silentLogger;
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const where = describeUrl(url);
  return {
    id: 'webhook',
    async send(alerts: readonly Alert[]): Promise<void> {
      if (alerts.length === 0) {
        return;
      }
      const body = JSON.stringify({ alerts });
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            },
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
          await response.arrayBuffer();
          if (response.ok) {
            return;
          }
          logger.warn({ url: where, status: response.status, attempt }, 'alert webhook refused');
        } catch (error) {
          const reason = error instanceof Error ? error.name : 'error';
          logger.warn({ url: where, reason, attempt }, 'alert webhook unreachable');
        }
        if (attempt < attempts) {
          await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
        }
      }
      logger.error({ url: where, alerts: alerts.length }, 'alert webhook failed; batch dropped');
    },
    close: () => Promise.resolve(),
  };
}
