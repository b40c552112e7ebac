import type { Store } from '../store/index.js';
import { compileSuppression, suppresses, suppressionActor, suppressionReason } from './matcher.js';
import type { SuppressionRule } from '../store/index.js';

/**
 * Dismisses the open (new or in progress) alerts a new rule covers, as if it had been there
 * when they were raised, and returns how many. Pages by the store's keyset cursor, which does
 * not shift as dismissed alerts leave the open set.
 */
export async function dismissCovered(store: Store, rule: SuppressionRule): Promise<number> {
  const compiled = compileSuppression(rule);
  const now = new Date().toISOString();
  let dismissed = 0;
  for (const clusterId of rule.clusters ?? [undefined]) {
    let cursor: string | undefined;
    do {
      const page = await store.alerts.list({
        status: ['new', 'in_progress'],
        limit: 500,
        ...(clusterId !== undefined ? { clusterId } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
      });
      for (const item of page.items) {
        if (suppresses(compiled, item.clusterId, item.alert, now)) {
          await store.alerts.setStatus(
            item.id,
            'dismissed',
            suppressionReason(rule),
            suppressionActor(rule)
          );
          dismissed += 1;
        }
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  return dismissed;
}
