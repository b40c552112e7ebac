import type { JetStreamClient, JetStreamManager, JsMsg } from 'nats';
import { z } from 'zod';
import { queueTopics, type DeadJob } from '../../types.js';
import { isNotFound, type TopicLayout } from './layout.js';

const StoredDeadJob = z.object({
  id: z.string(),
  topic: z.enum(queueTopics),
  payload: z.unknown(),
  attempts: z.number().int(),
  error: z.string(),
  deadAt: z.string(),
});

/**
 * Copies a job to its topic's dead-letter stream, then terminates it in the work stream. The
 * copy's `Nats-Msg-Id` is the job id with its stream sequence, so a copy repeated after a lost
 * `term` is dropped by the dead stream's dedup, while a later job reusing the id is still kept.
 */
export async function buryMessage(
  js: JetStreamClient,
  layout: TopicLayout,
  msg: JsMsg,
  job: Omit<DeadJob, 'deadAt'>
): Promise<void> {
  const dead: DeadJob = { ...job, deadAt: new Date().toISOString() };
  await js.publish(layout.deadSubject, JSON.stringify(dead), {
    msgID: `${job.id}@${msg.info.streamSequence}`,
  });
  msg.term();
}

/** The oldest `limit` dead jobs of a topic; a stored message that does not parse is skipped. */
export async function readDead(
  jsm: JetStreamManager,
  layout: TopicLayout,
  limit: number
): Promise<DeadJob[]> {
  const info = await jsm.streams.info(layout.deadStream);
  const jobs: DeadJob[] = [];
  if (info.state.messages === 0) {
    return jobs;
  }
  const { first_seq: first, last_seq: last } = info.state;
  for (let seq = Math.max(first, 1); seq <= last && jobs.length < limit; seq++) {
    const job = await readOne(jsm, layout.deadStream, seq);
    if (job) {
      jobs.push(job);
    }
  }
  return jobs;
}

async function readOne(
  jsm: JetStreamManager,
  stream: string,
  seq: number
): Promise<DeadJob | undefined> {
  try {
    const stored = await jsm.streams.getMessage(stream, { seq });
    const parsed = StoredDeadJob.safeParse(stored.json());
    return parsed.success ? parsed.data : undefined;
  } catch (error) {
    // A gap: the message aged out or was deleted between the info and this read.
    if (isNotFound(error) || error instanceof SyntaxError) {
      return undefined;
    }
    throw error;
  }
}
