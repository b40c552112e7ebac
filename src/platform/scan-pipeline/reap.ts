import type { Store } from '../store/index.js';
import { heartbeatMs } from './handle-scan.js';

/** Twenty missed heartbeats: far past any lease, so a live worker is never reaped. */
export const silentAfterMs = 20 * heartbeatMs;

/**
 * Ends the scans whose worker died on the job's last delivery. The queue dead-letters such a
 * job without running the handler again, so without this the scan would stay `running`.
 * Scans whose job still has deliveries left are started again by the next worker, which
 * overwrites what this wrote. Returns how many it failed.
 */
export async function reapSilentScans(store: Store, now: Date = new Date()): Promise<number> {
  return await store.scans.reapSilent(
    new Date(now.getTime() - silentAfterMs).toISOString(),
    `the worker running this scan stopped answering for ${silentAfterMs / 60_000} minutes (killed or cut off); scan again with POST /api/v1/images/:id/scan`
  );
}
