import { beforeAll, describe, expect, it } from 'vitest';
import type { AlertSeverity } from '../../core/alert.js';
import { InputError, NotFoundError } from '../../core/errors.js';
import { engineAlert, randomSuffix, rejectionOf } from './contract-support.js';
import type { AlertSort } from './repos/alert-list.js';
import type { StoredAlert } from './repos/alert-row.js';
import type { Store } from './store.js';

const severities: AlertSeverity[] = ['critical', 'high', 'medium', 'low', 'informational'];

function sortKey(alert: StoredAlert, sort: AlertSort): string | number {
  switch (sort) {
    case 'lastSeen':
      return alert.lastSeen;
    case 'firstSeen':
      return alert.firstSeen;
    case 'count':
      return alert.count;
    case 'severity':
      return 4 - severities.indexOf(alert.severity);
  }
}

/** Every page of a listing, followed by cursor, with the page size given. */
async function allPages(
  store: Store,
  query: Parameters<Store['alerts']['list']>[0] & object
): Promise<StoredAlert[]> {
  const items: StoredAlert[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const result = await store.alerts.list({ ...query, ...(cursor ? { cursor } : {}) });
    items.push(...result.items);
    if (result.nextCursor === undefined) {
      return items;
    }
    expect(result.items).toHaveLength(query.limit ?? 50);
    cursor = result.nextCursor;
  }
  throw new Error('pagination did not end');
}

/** Alert upsert (folding), lifecycle, filters, sorting and cursor pagination. */
export function describeAlertContract(store: () => Store): void {
  describe('alerts', () => {
    it('folds repeats into one alert, widening its times, and keeps a dismissal', async () => {
      const cluster = await store().clusters.add({ name: `fold-${randomSuffix()}`, source: 'eks' });
      const first = await store().alerts.upsert(
        cluster.id,
        engineAlert({
          id: 'abc',
          firstSeen: '2025-01-02T00:00:00Z',
          lastSeen: '2025-01-02T00:00:00Z',
          count: 2,
        })
      );
      expect(first).toMatchObject({
        id: `${cluster.id}:abc`,
        clusterId: cluster.id,
        status: 'new',
        count: 2,
        firstSeen: '2025-01-02T00:00:00.000Z',
      });
      expect(first.alert.title).toBe('Privileged container created');

      const dismissed = await store().alerts.setStatus(first.id, 'dismissed', 'expected: CI');
      expect(dismissed).toMatchObject({ status: 'dismissed', dismissReason: 'expected: CI' });

      const folded = await store().alerts.upsert(
        cluster.id,
        engineAlert({
          id: 'abc',
          firstSeen: '2025-01-01T12:00:00.123456Z',
          lastSeen: '2025-01-03T00:00:00.5+02:00',
          count: 3,
        })
      );
      expect(folded).toMatchObject({
        status: 'dismissed',
        dismissReason: 'expected: CI',
        count: 5,
        firstSeen: '2025-01-01T12:00:00.123Z',
        lastSeen: '2025-01-02T22:00:00.500Z',
      });
      expect(folded.alert).toMatchObject({ count: 5, lastSeen: '2025-01-02T22:00:00.500Z' });
      const older = await store().alerts.upsert(
        cluster.id,
        engineAlert({
          id: 'abc',
          firstSeen: '2025-01-02T00:00:00Z',
          lastSeen: '2025-01-02T00:00:00Z',
        })
      );
      expect(older).toMatchObject({
        count: 6,
        firstSeen: '2025-01-01T12:00:00.123Z',
        lastSeen: '2025-01-02T22:00:00.500Z',
      });
      expect(await store().alerts.get(first.id)).toEqual(older);
    });

    it('moves through its lifecycle; a dismissal needs a reason, other states clear it', async () => {
      const cluster = await store().clusters.add({ name: `life-${randomSuffix()}`, source: 'eks' });
      const { id } = await store().alerts.upsert(cluster.id, engineAlert({ id: 'life' }));
      expect(await store().alerts.setStatus(id, 'in_progress')).toMatchObject({
        status: 'in_progress',
      });
      const noReason = await rejectionOf(store().alerts.setStatus(id, 'dismissed', '  '));
      expect(noReason).toBeInstanceOf(InputError);
      expect(noReason.message).toMatch(/^reason: /);
      await store().alerts.setStatus(id, 'dismissed', 'test cluster');
      const resolved = await store().alerts.setStatus(id, 'resolved');
      expect(resolved.status).toBe('resolved');
      expect(resolved).not.toHaveProperty('dismissReason');
      const badStatus = await rejectionOf(store().alerts.setStatus(id, 'closed' as 'new'));
      expect(badStatus.message).toMatch(/^status: one of /);
      expect(await rejectionOf(store().alerts.setStatus('nope', 'new'))).toBeInstanceOf(
        NotFoundError
      );
      expect(await rejectionOf(store().alerts.get('nope'))).toBeInstanceOf(NotFoundError);
    });

    it('keeps a new, unsuppressed alert in the notification outbox until it is marked notified', async () => {
      const cluster = await store().clusters.add({
        name: `outbox-${randomSuffix()}`,
        source: 'eks',
      });
      const mine = async (before: string): Promise<string[]> =>
        (await store().alerts.notifyPending(before, 10_000))
          .filter((alert) => alert.clusterId === cluster.id)
          .map((alert) => alert.id);
      const fresh = await store().alerts.record(cluster.id, engineAlert({ id: 'loud' }));
      expect(fresh.created).toBe(true);
      const folded = await store().alerts.record(cluster.id, engineAlert({ id: 'loud' }));
      expect(folded.created).toBe(false);
      const suppressed = await store().alerts.record(cluster.id, engineAlert({ id: 'quiet' }), {
        dismissReason: 'suppressed by rule r1: scanner',
        dismissedBy: 'suppression rule r1',
      });
      expect(suppressed.alert.status).toBe('dismissed');
      expect(await mine('2999-01-01T00:00:00.000Z')).toEqual([fresh.alert.id]);
      expect(await mine('2000-01-01T00:00:00.000Z')).toEqual([]);
      await store().alerts.markNotified(fresh.alert.id);
      expect(await mine('2999-01-01T00:00:00.000Z')).toEqual([]);
    });

    it('refuses an alert for an unknown cluster or with a bad time', async () => {
      const unknown = await rejectionOf(
        store().alerts.upsert('no-such-cluster', engineAlert({ id: 'x' }))
      );
      expect(unknown).toBeInstanceOf(NotFoundError);
      expect(unknown.message).toBe('no cluster with id no-such-cluster');
      const cluster = await store().clusters.add({ name: `bad-${randomSuffix()}`, source: 'eks' });
      const badTime = await rejectionOf(
        store().alerts.upsert(cluster.id, engineAlert({ id: 'x', lastSeen: 'yesterday' }))
      );
      expect(badTime).toBeInstanceOf(InputError);
      expect(badTime.message).toMatch(/^lastSeen: /);
    });

    describe('listing', () => {
      let clusterId = '';
      let otherClusterId = '';
      beforeAll(async () => {
        clusterId = (await store().clusters.add({ name: `list-${randomSuffix()}`, source: 'eks' }))
          .id;
        otherClusterId = (
          await store().clusters.add({ name: `other-${randomSuffix()}`, source: 'eks' })
        ).id;
        // 23 alerts with many ties on every sort key, so only the id keeps pages apart.
        for (let index = 0; index < 23; index += 1) {
          const day = String(1 + (index % 4)).padStart(2, '0');
          await store().alerts.upsert(
            clusterId,
            engineAlert({
              id: `alert-${String(index).padStart(2, '0')}`,
              rule: index % 3 === 0 ? 'exec-into-pod' : 'privileged-container',
              severity: severities[index % 5],
              firstSeen: `2025-02-${day}T00:00:00Z`,
              lastSeen: `2025-03-${day}T00:00:00Z`,
              count: 1 + (index % 2),
            })
          );
        }
        await store().alerts.upsert(otherClusterId, engineAlert({ id: 'elsewhere' }));
        await store().alerts.setStatus(`${clusterId}:alert-00`, 'dismissed', 'noise');
        await store().alerts.setStatus(`${clusterId}:alert-01`, 'resolved');
      });

      it('filters by cluster, status, severity and rule', async () => {
        const all = await store().alerts.list({ clusterId, limit: 500 });
        expect(all.items).toHaveLength(23);
        expect(all.nextCursor).toBeUndefined();
        const open = await store().alerts.list({
          clusterId,
          status: ['new', 'in_progress'],
          limit: 500,
        });
        expect(open.items).toHaveLength(21);
        const dismissed = await store().alerts.list({ clusterId, status: 'dismissed' });
        expect(dismissed.items.map((alert) => alert.id)).toEqual([`${clusterId}:alert-00`]);
        const critical = await store().alerts.list({ clusterId, severity: 'critical', limit: 500 });
        expect(critical.items.map((alert) => alert.severity)).toEqual(Array(5).fill('critical'));
        const exec = await store().alerts.list({ clusterId, rule: 'exec-into-pod', limit: 500 });
        expect(exec.items).toHaveLength(8);
        const elsewhere = await store().alerts.list({ clusterId: otherClusterId });
        expect(elsewhere.items.map((alert) => alert.id)).toEqual([`${otherClusterId}:elsewhere`]);
      });

      for (const sort of ['lastSeen', 'firstSeen', 'severity', 'count'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          it(`pages by ${sort} ${order}: the pages join into the one-page list, in order`, async () => {
            const whole = (await store().alerts.list({ clusterId, sort, order, limit: 500 })).items;
            const paged = await allPages(store(), { clusterId, sort, order, limit: 4 });
            expect(paged.map((alert) => alert.id)).toEqual(whole.map((alert) => alert.id));
            expect(new Set(paged.map((alert) => alert.id)).size).toBe(23);
            const keys = paged.map((alert) => sortKey(alert, sort));
            const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
            expect(keys).toEqual(order === 'asc' ? sorted : sorted.reverse());
          });
        }
      }

      it('does not shift a page when alerts arrive between pages', async () => {
        const first = await store().alerts.list({
          clusterId,
          sort: 'lastSeen',
          order: 'desc',
          limit: 5,
        });
        await store().alerts.upsert(
          clusterId,
          engineAlert({
            id: 'late',
            lastSeen: '2025-04-01T00:00:00Z',
            firstSeen: '2025-04-01T00:00:00Z',
          })
        );
        try {
          const rest = await allPages(store(), {
            clusterId,
            sort: 'lastSeen',
            order: 'desc',
            limit: 5,
            ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
          });
          const ids = [...first.items, ...rest].map((alert) => alert.id);
          expect(ids).toHaveLength(23);
          expect(ids).not.toContain(`${clusterId}:late`);
        } finally {
          await store().db.deleteFrom('alerts').where('id', '=', `${clusterId}:late`).execute();
        }
      });

      it('refuses a cursor made for another sort, a malformed cursor and a bad limit', async () => {
        const page = await store().alerts.list({ clusterId, sort: 'count', limit: 2 });
        expect(page.nextCursor).toBeDefined();
        const otherSort = await rejectionOf(
          store().alerts.list({ clusterId, sort: 'lastSeen', cursor: page.nextCursor ?? '' })
        );
        expect(otherSort).toBeInstanceOf(InputError);
        expect(otherSort.message).toMatch(/^cursor: /);
        const forged = Buffer.from(JSON.stringify(['count', 'desc', 'x', 'y'])).toString(
          'base64url'
        );
        expect(
          await rejectionOf(store().alerts.list({ sort: 'count', cursor: forged }))
        ).toBeInstanceOf(InputError);
        expect(await rejectionOf(store().alerts.list({ cursor: '!!!' }))).toBeInstanceOf(
          InputError
        );
        const limit = await rejectionOf(store().alerts.list({ limit: 0 }));
        expect(limit.message).toBe('limit: an integer from 1 to 500');
        const sort = await rejectionOf(store().alerts.list({ sort: 'name' as 'count' }));
        expect(sort.message).toMatch(/^sort: one of /);
      });
    });
  });
}
