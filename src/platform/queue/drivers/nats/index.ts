import { UsageError } from '../../../../core/errors.js';
import { resolvePolicy } from '../../policy.js';
import type { QueueDriver } from '../../types.js';
import { connectJetStream, parseNatsUrl } from './connect.js';
import { NatsQueue } from './nats-queue.js';

/** `nats://host:port`: NATS JetStream, durable and shared by any number of processes. */
export const driver: QueueDriver = {
  id: 'nats',
  description:
    'NATS JetStream: a work-queue stream per topic, durable pull consumers, explicit acks',
  open: async (url, options) => {
    if (!url) {
      throw new UsageError('the NATS queue needs a URL: nats://host:port');
    }
    const address = parseNatsUrl(url);
    const policy = resolvePolicy({
      ...options,
      ...(address.prefix !== undefined ? { prefix: address.prefix } : {}),
      ...(address.leaseMs !== undefined ? { leaseMs: address.leaseMs } : {}),
    });
    return new NatsQueue(await connectJetStream(address, policy), policy);
  },
};
