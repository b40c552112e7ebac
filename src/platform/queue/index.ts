import { UsageError } from '../../core/errors.js';
import { queueDrivers } from './api.js';
import type { Queue, QueueDriver, QueueOptions } from './types.js';

export { queueDrivers } from './api.js';
export { queueTopics } from './types.js';
export type {
  ConsumeOptions,
  Consumer,
  DeadJob,
  DeadOptions,
  Job,
  JobHandler,
  PublishOptions,
  PublishResult,
  Queue,
  QueueDriver,
  QueueOptions,
  Topic,
} from './types.js';

/**
 * Opens the queue a URL names: none or `memory:` → the in-process queue; `nats://host:port` →
 * NATS JetStream. Another scheme is a usage error that names the scheme only, never the URL,
 * which may carry a password.
 */
export async function openQueue(
  url: string | undefined,
  options: QueueOptions = {}
): Promise<Queue> {
  const { driver, parsed } = driverFor(url);
  return await driver.open(parsed, options);
}

function driverFor(url: string | undefined): { driver: QueueDriver; parsed: URL | undefined } {
  if (url === undefined || url.trim() === '') {
    return { driver: named('memory'), parsed: undefined };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const driver = scheme === undefined ? undefined : queueDrivers.get(scheme);
  if (!driver) {
    const shown = scheme === undefined ? 'no scheme' : `"${scheme}:"`;
    throw new UsageError(`unknown queue URL scheme (${shown}); use memory: or nats://host:port`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new UsageError(`the ${driver.id} queue URL does not parse`, { cause: error });
  }
  return { driver, parsed };
}

function named(id: string): QueueDriver {
  const driver = queueDrivers.get(id);
  if (!driver) {
    throw new Error(`the ${id} queue driver is not registered`);
  }
  return driver;
}
