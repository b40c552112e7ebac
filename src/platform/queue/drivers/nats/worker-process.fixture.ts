/**
 * A worker process for nats.test.ts to kill: it takes one `scan` job through the real driver,
 * says so on stdout, and hangs in the handler until SIGKILL. Run by `vite-node`, set up by env.
 */
import { openQueue } from '../../index.js';

const url = process.env.QUEUE_TEST_URL;
const prefix = process.env.QUEUE_TEST_PREFIX;
const leaseMs = Number(process.env.QUEUE_TEST_LEASE_MS);

const queue = await openQueue(url, { prefix, leaseMs });
const consumer = queue.consume('scan', async (job) => {
  process.stdout.write(`handling ${job.id} ${job.attempt}\n`);
  await new Promise<never>(() => undefined);
});
await consumer.ready;
process.stdout.write('ready\n');
