import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeAccessContract } from './contract-access.js';
import { describeAlertContract } from './contract-alerts.js';
import { describeAssetContract } from './contract-assets.js';
import { describeHistoryContract } from './contract-history.js';
import { describeExemptionContract } from './contract-exemptions.js';
import { describeScheduleContract } from './contract-schedule.js';
import { describePostureContract } from './contract-posture.js';
import { describeImageContract } from './contract-images.js';
import { describeVulnerabilityContract } from './contract-vulnerabilities.js';
import { describeInventoryContract } from './contract-inventory.js';
import { describeNotificationContract } from './contract-notifications.js';
import { describeSuppressionContract } from './contract-suppression.js';
import type { FreshDatabase, OpenStore } from './contract-support.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

export type { FreshDatabase, OpenStore } from './contract-support.js';
export { testSecretKey } from './contract-support.js';

/** Every table the migrations create, besides Kysely's two bookkeeping tables. */
export const storeTables: readonly (keyof Database)[] = [
  'api_tokens',
  'webhook_tokens',
  'registries',
  'repositories',
  'images',
  'scans',
  'findings',
  'clusters',
  'nodes',
  'workloads',
  'recommendations',
  'alerts',
  'suppression_rules',
  'metering',
  'schedule_runs',
  'assessments',
  'notification_channels',
  'notification_deliveries',
  'score_history',
  'alert_events',
  'exemptions',
];

/**
 * What every store driver must do, run by each driver's own test against a real database.
 * `open` opens the run's database (with `PALISADE_SECRET_KEY` set to `testSecretKey`); `fresh`
 * makes another empty one, for the migration tests. The driver test creates and drops both.
 */
export function describeStoreContract(name: string, open: OpenStore, fresh: FreshDatabase): void {
  describe(`store contract: ${name}`, () => {
    describe('migrations', () => {
      it('applies every migration to an empty database, then none when opened again', async () => {
        const openFresh = await fresh();
        const first = await openFresh();
        try {
          expect(first.migrated).toEqual(Object.keys(migrations));
          for (const table of storeTables) {
            await expect(first.db.selectFrom(table).selectAll().execute()).resolves.toEqual([]);
          }
        } finally {
          await first.close();
        }
        const second = await openFresh();
        try {
          expect(second.migrated).toEqual([]);
          await second.clusters.add({ name: 'after-reopen', source: 'eks' });
          expect((await second.clusters.list()).map((cluster) => cluster.name)).toEqual([
            'after-reopen',
          ]);
        } finally {
          await second.close();
        }
      });

      it('lets two stores open one empty database at once: one migrates, both work', async () => {
        const openFresh = await fresh();
        const stores = await Promise.all([openFresh(), openFresh()]);
        const [one, two] = stores;
        try {
          expect(stores.flatMap((store) => store.migrated)).toEqual(Object.keys(migrations));
          await one.clusters.add({ name: 'one', source: 'eks' });
          await two.clusters.add({ name: 'two', source: 'eks' });
          expect((await one.clusters.list()).map((cluster) => cluster.name)).toEqual([
            'one',
            'two',
          ]);
        } finally {
          await Promise.all(stores.map((store) => store.close()));
        }
      });
    });

    describe('repositories', () => {
      let store: Store | undefined;
      const current = (): Store => {
        if (store === undefined) {
          throw new Error('the store did not open');
        }
        return store;
      };
      beforeAll(async () => {
        store = await open();
      });
      afterAll(async () => {
        await store?.close();
      });

      describeAccessContract(current, open);
      describeAssetContract(current, open);
      describeAlertContract(current);
      describeScheduleContract(current, open);
      describePostureContract(current, open);
      describeImageContract(current);
      describeVulnerabilityContract(current);
      describeInventoryContract(current);
      describeSuppressionContract(current, open);
      describeNotificationContract(current, open);
      describeHistoryContract(current);
      describeExemptionContract(current, open);
    });
  });
}
