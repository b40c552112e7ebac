import type { ScorePoint, Store } from '../store/index.js';
import { computeScores } from './formula.js';
import { gatherScoreInputs } from './gather.js';
import type { ScoreReport } from './types.js';

/**
 * Computes the secure score now and keeps it in the history: overall, every account and every
 * cluster. The scheduler calls it once an hour on one server; the past is never recomputed,
 * so the trend shows the score as it was, not as today's data would make it.
 */
export async function recordScoreHistory(store: Store, at = new Date()): Promise<number> {
  const report = computeScores(await gatherScoreInputs(store));
  return await store.scoreHistory.record(at.toISOString(), scorePointsOf(report));
}

/** A report's scores as history points: overall, then each account and cluster. */
export function scorePointsOf(report: ScoreReport): ScorePoint[] {
  return [
    { scope: 'overall', scopeId: '', ...numbers(report.overall) },
    ...report.accounts.map((account) => ({
      scope: 'account' as const,
      scopeId: account.accountId,
      ...numbers(account),
    })),
    ...report.clusters.map((cluster) => ({
      scope: 'cluster' as const,
      scopeId: cluster.clusterId,
      ...numbers(cluster),
    })),
  ];
}

function numbers(summary: { score: number; earned: number; max: number }) {
  return { score: summary.score, earned: summary.earned, max: summary.max };
}
