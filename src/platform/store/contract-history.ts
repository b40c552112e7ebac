import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors.js';
import { engineAlert, randomSuffix, rejectionOf } from './contract-support.js';
import { alertEventCap, alertEventMaxBytes } from './repos/alert-events.js';
import type { Store } from './store.js';

/** Alert assignment, the alert trend by day, and the secure score's recorded history. */
export function describeHistoryContract(store: () => Store): void {
  describe('alert assignment', () => {
    it('assigns, lists by assignee, keeps the assignee across folds, and unassigns', async () => {
      const cluster = await store().clusters.add({
        name: `assign-${randomSuffix()}`,
        source: 'eks',
      });
      const { id } = await store().alerts.upsert(cluster.id, engineAlert({ id: 'mine' }));
      await store().alerts.upsert(cluster.id, engineAlert({ id: 'nobody' }));
      const assigned = await store().alerts.assign(id, '  alice  ', 'token admin');
      expect(assigned).toMatchObject({ assignee: 'alice', statusChangedBy: 'token admin' });
      expect(assigned.techniques).toEqual([
        {
          id: 'T1610',
          name: 'Deploy Container',
          url: 'https://attack.mitre.org/techniques/T1610/',
        },
      ]);
      // A repeat of the same alert folds in and leaves the assignment alone.
      await store().alerts.upsert(cluster.id, engineAlert({ id: 'mine' }));
      expect((await store().alerts.get(id)).assignee).toBe('alice');

      const alices = await store().alerts.list({ clusterId: cluster.id, assignee: 'alice' });
      expect(alices.items.map((alert) => alert.id)).toEqual([id]);
      const unassigned = await store().alerts.list({ clusterId: cluster.id, assignee: null });
      expect(unassigned.items.map((alert) => alert.id)).toEqual([`${cluster.id}:nobody`]);

      const cleared = await store().alerts.assign(id, null);
      expect(cleared).not.toHaveProperty('assignee');
    });

    it('refuses an empty assignee and an unknown alert', async () => {
      const cluster = await store().clusters.add({
        name: `assign-${randomSuffix()}`,
        source: 'eks',
      });
      const { id } = await store().alerts.upsert(cluster.id, engineAlert({ id: 'x' }));
      const empty = await rejectionOf(store().alerts.assign(id, '   '));
      expect(empty).toBeInstanceOf(InputError);
      expect(empty.message).toMatch(/^assignee: /);
      expect(await rejectionOf(store().alerts.assign('nope', 'bob'))).toBeInstanceOf(NotFoundError);
    });
  });

  describe('alert events', () => {
    it('keeps an alert’s first raw events once each, up to the cap, and drops them with it', async () => {
      const cluster = await store().clusters.add({
        name: `events-${randomSuffix()}`,
        source: 'eks',
      });
      const { id } = await store().alerts.upsert(cluster.id, engineAlert({ id: 'raw' }));
      const event = (n: number) => ({
        auditId: `audit-${String(n).padStart(2, '0')}`,
        event: { n },
      });
      expect(
        await store().alertEvents.attach([{ alertId: id, events: [event(1), event(2)] }])
      ).toBe(2);
      // A redelivered batch brings the same audit IDs again.
      expect(await store().alertEvents.attach([{ alertId: id, events: [event(2)] }])).toBe(0);
      const many = Array.from({ length: 30 }, (_, index) => event(index + 3));
      // Two alerts in one call: each fills only its own room.
      const fresh = await store().alerts.upsert(cluster.id, engineAlert({ id: 'fresh' }));
      expect(
        await store().alertEvents.attach([
          { alertId: id, events: many },
          { alertId: fresh.id, events: [event(1)] },
          { alertId: fresh.id, events: [] },
        ])
      ).toBe(alertEventCap - 2 + 1);
      expect(await store().alertEvents.list(fresh.id)).toHaveLength(1);
      expect(await store().alertEvents.attach([{ alertId: id, events: [event(99)] }])).toBe(0);
      expect(await store().alertEvents.attach([])).toBe(0);
      const kept = await store().alertEvents.list(id);
      expect(kept).toHaveLength(alertEventCap);
      expect(kept[0]).toMatchObject({ auditId: 'audit-01', event: { n: 1 } });

      const big = await store().alerts.upsert(cluster.id, engineAlert({ id: 'big' }));
      const tooBig = await rejectionOf(
        store().alertEvents.attach([
          {
            alertId: big.id,
            events: [{ auditId: 'x', event: { blob: 'x'.repeat(alertEventMaxBytes) } }],
          },
        ])
      );
      expect(tooBig).toBeInstanceOf(InputError);
      expect(
        await rejectionOf(store().alertEvents.attach([{ alertId: 'nope', events: [event(1)] }]))
      ).toBeInstanceOf(NotFoundError);
      await store().clusters.remove(cluster.id);
      expect(await store().alertEvents.list(id)).toEqual([]);
    });
  });

  describe('alert trend', () => {
    it('counts alerts by the UTC day they were first seen, by severity, from a day on', async () => {
      const cluster = await store().clusters.add({
        name: `trend-${randomSuffix()}`,
        source: 'eks',
      });
      const seen = [
        ['a', '2027-03-01T23:59:59.999Z', 'high'],
        ['b', '2027-03-01T00:00:00.000Z', 'high'],
        ['c', '2027-03-01T12:00:00.000Z', 'low'],
        ['d', '2027-03-03T08:00:00.000Z', 'critical'],
        ['e', '2027-02-28T23:00:00.000Z', 'critical'],
      ] as const;
      for (const [id, firstSeen, severity] of seen) {
        await store().alerts.upsert(
          cluster.id,
          engineAlert({ id, firstSeen, lastSeen: firstSeen, severity })
        );
      }
      expect(await store().alerts.trend({ from: '2027-03-01', clusterId: cluster.id })).toEqual([
        { day: '2027-03-01', counts: { high: 2, low: 1 } },
        { day: '2027-03-03', counts: { critical: 1 } },
      ]);
      const bad = await rejectionOf(store().alerts.trend({ from: 'yesterday' }));
      expect(bad).toBeInstanceOf(InputError);
      expect(bad.message).toMatch(/^from: /);
    });
  });

  describe('score history', () => {
    it('records scores per scope once per time and lists them oldest first', async () => {
      const cluster = `cluster-${randomSuffix()}`;
      const points = (score: number) => [
        { scope: 'overall' as const, scopeId: '', score, earned: score, max: 100 },
        { scope: 'cluster' as const, scopeId: cluster, score: score / 2, earned: 1, max: 2 },
      ];
      expect(await store().scoreHistory.record('2027-04-02T00:00:00Z', points(80))).toBe(2);
      expect(await store().scoreHistory.record('2027-04-01T00:00:00Z', points(70))).toBe(2);
      // The same time again (another server recording at once) adds nothing.
      expect(await store().scoreHistory.record('2027-04-01T00:00:00Z', points(10))).toBe(0);

      expect(
        await store().scoreHistory.list({ scope: 'cluster', scopeId: cluster, from: '2027-01-01' })
      ).toEqual([
        { at: '2027-04-01T00:00:00.000Z', score: 35, earned: 1, max: 2 },
        { at: '2027-04-02T00:00:00.000Z', score: 40, earned: 1, max: 2 },
      ]);
      const recent = await store().scoreHistory.list({
        scope: 'overall',
        from: '2027-04-01T12:00:00Z',
      });
      expect(recent.filter((point) => point.at.startsWith('2027-04'))).toEqual([
        { at: '2027-04-02T00:00:00.000Z', score: 80, earned: 80, max: 100 },
      ]);
    });

    it('refuses a score out of range, a scope without its id, and a bad time', async () => {
      const refused = [
        [{ scope: 'overall', scopeId: '', score: 101, earned: 1, max: 1 }, /^score: /],
        [{ scope: 'overall', scopeId: '', score: Number.NaN, earned: 1, max: 1 }, /^score: /],
        [{ scope: 'cluster', scopeId: '', score: 1, earned: 1, max: 1 }, /^scopeId: /],
        [{ scope: 'galaxy', scopeId: 'x', score: 1, earned: 1, max: 1 }, /^scope: /],
      ] as const;
      for (const [point, message] of refused) {
        const error = await rejectionOf(
          store().scoreHistory.record('2027-05-01T00:00:00Z', [point as never])
        );
        expect(error).toBeInstanceOf(InputError);
        expect(error.message).toMatch(message);
      }
      const badTime = await rejectionOf(store().scoreHistory.record('soon', []));
      expect(badTime.message).toMatch(/^at: /);
      const noId = await rejectionOf(store().scoreHistory.list({ scope: 'account', from: '2027' }));
      expect(noId.message).toMatch(/^scopeId: /);
    });
  });
}
