import { fileSource } from '../sources/file/index.js';
import { webhookSource } from '../sources/webhook/index.js';
import type { EventSource } from './types.js';

/**
 * Every event source, by name. A plain object rather than a Map, so each keeps its own options
 * type: `eventSources.file.run({ paths }, ...)`. Later sources (S3/SQS, NATS) join here.
 */
export const eventSources = {
  file: fileSource,
  webhook: webhookSource,
} as const satisfies Readonly<Record<string, EventSource<never>>>;

export type EventSourceName = keyof typeof eventSources;
