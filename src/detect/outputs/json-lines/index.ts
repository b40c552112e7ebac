import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Alert } from '../../../core/alert.js';
import type { AlertOutput } from '../../output/types.js';

/** One alert per line, as JSON, to a stream (a file opened for appending, or standard output). */
export function jsonLinesOutput(stream: Writable, closeStream: boolean): AlertOutput {
  return {
    id: 'json-lines',
    async send(alerts: readonly Alert[]): Promise<void> {
      if (alerts.length === 0) {
        return;
      }
      const text = alerts.map((alert) => JSON.stringify(alert)).join('\n');
      if (!stream.write(`${text}\n`)) {
        await once(stream, 'drain');
      }
    },
    async close(): Promise<void> {
      if (closeStream) {
        stream.end();
        await once(stream, 'finish');
      }
    },
  };
}
