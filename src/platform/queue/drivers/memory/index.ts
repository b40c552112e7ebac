import type { QueueDriver } from '../../types.js';
import { MemoryQueue } from './memory-queue.js';

/** `memory:` (or no queue URL): in-process, the default for one machine. */
export const driver: QueueDriver = {
  id: 'memory',
  description: 'in-process queue: retries, lease, dead letter and dedup in memory, not durable',
  open: (_url, options) => Promise.resolve().then(() => new MemoryQueue(options)),
};
