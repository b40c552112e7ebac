import type { PublishResult, Queue } from '../queue/index.js';
import type { Store } from '../store/index.js';

/** Why an assessment was asked for; part of the job id, so each reason dedups on its own. */
export type AssessReason = 'add' | 'demand' | 'schedule';

/** What an `assess` job carries. */
export interface AssessJob {
  clusterId: string;
}

/**
 * `assess:<cluster id>:<reason>:<UTC minute>`: two servers' schedulers ticking in the same
 * minute, or an operator clicking twice, publish one job (within the queue's dedup window).
 * The id is also the assessment run's id, so a redelivered job rewrites its own run.
 */
export function assessJobId(clusterId: string, reason: AssessReason, now: Date): string {
  return `assess:${clusterId}:${reason}:${now.toISOString().slice(0, 16)}`;
}

export async function publishAssessment(
  queue: Queue,
  clusterId: string,
  reason: AssessReason,
  now: Date = new Date()
): Promise<PublishResult> {
  const job: AssessJob = { clusterId };
  return await queue.publish('assess', job, { id: assessJobId(clusterId, reason, now) });
}

/** One `assess` job per cluster, for the scheduler; returns how many were newly queued. */
export async function enqueueAssessments(
  store: Store,
  queue: Queue,
  now: Date = new Date()
): Promise<number> {
  let queued = 0;
  for (const cluster of await store.clusters.list()) {
    const result = await publishAssessment(queue, cluster.id, 'schedule', now);
    queued += result.duplicate ? 0 : 1;
  }
  return queued;
}
