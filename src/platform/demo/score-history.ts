import { computeScores, gatherScoreInputs, scorePointsOf } from '../score/index.js';
import type { Store } from '../store/index.js';

const dayMs = 24 * 60 * 60 * 1000;

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * A month of daily scores that climbs to today's real one, so the demo's trend charts have a
 * line to draw: each scope starts about 15 points lower and gains some each day, with a dip in
 * the second week (an incident the demo's story leaves to the imagination). Today's point is the
 * score computed from the seeded data, as the scheduler would record it.
 */
export async function seedScoreHistory(store: Store, now: Date): Promise<number> {
  const report = computeScores(await gatherScoreInputs(store));
  const scopes = scorePointsOf(report);
  let recorded = 0;
  for (let back = 29; back >= 0; back -= 1) {
    const dip = back >= 16 && back <= 19 ? 6 : 0;
    const points =
      back === 0
        ? scopes
        : scopes.map((point) => {
            const score = Math.max(0, round(point.score - (15 * back) / 29 - dip));
            return { ...point, score, earned: round((point.max * score) / 100) };
          });
    recorded += await store.scoreHistory.record(
      new Date(now.getTime() - back * dayMs).toISOString(),
      points
    );
  }
  return recorded;
}
