import { driver as memory } from './drivers/memory/index.js';
import { driver as nats } from './drivers/nats/index.js';
import type { QueueDriver } from './types.js';

/** Every queue driver, by the URL scheme that selects it (`memory:`, `nats://`). */
export const queueDrivers: ReadonlyMap<string, QueueDriver> = new Map(
  [memory, nats].map((driver) => [driver.id, driver])
);
