import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors.js';
import { engineAlert, randomSuffix, rejectionOf, type OpenStore } from './contract-support.js';
import type { Store } from './store.js';

const inAYear = (): string => new Date(Date.now() + 365 * 86_400_000).toISOString();

/** Suppression rules, and alerts recorded new, suppressed or folded, with who changed them. */
export function describeSuppressionContract(store: () => Store, open: OpenStore): void {
  describe('suppression rules', () => {
    it('keeps a rule with its scope, clusters, reason and expiry, then removes it', async () => {
      const cluster = await store().clusters.add({ name: `supp-${randomSuffix()}`, source: 'eks' });
      const expires = inAYear();
      const added = await store().suppressionRules.add({
        match: { rules: ['pod-exec'], serviceAccounts: ['ci/*'] },
        clusters: [cluster.id, cluster.id],
        reason: 'CI debugs its own pods',
        expires,
        createdBy: 'token ops',
      });
      expect(added).toMatchObject({
        match: { rules: ['pod-exec'], serviceAccounts: ['ci/*'] },
        clusters: [cluster.id],
        reason: 'CI debugs its own pods',
        expires,
        createdBy: 'token ops',
      });
      expect(await store().suppressionRules.get(added.id)).toEqual(added);
      expect((await store().suppressionRules.list()).map((rule) => rule.id)).toContain(added.id);
      expect((await store().suppressionRules.live()).map((rule) => rule.id)).toContain(added.id);
      await store().suppressionRules.remove(added.id);
      expect(await rejectionOf(store().suppressionRules.get(added.id))).toBeInstanceOf(
        NotFoundError
      );
      expect(await rejectionOf(store().suppressionRules.remove(added.id))).toBeInstanceOf(
        NotFoundError
      );
    });

    it('takes a date as the start of that day, and leaves a rule out of live() once expired', async () => {
      const rule = await store().suppressionRules.add({
        match: { namespaces: ['expiring-*'] },
        reason: 'temporary',
        expires: '2999-01-31',
        createdBy: 'test',
      });
      expect(rule.expires).toBe('2999-01-31T00:00:00.000Z');
      const later = await open({ now: () => new Date('2999-01-31T00:00:00.001Z') });
      try {
        expect((await later.suppressionRules.live()).map(({ id }) => id)).not.toContain(rule.id);
        expect((await later.suppressionRules.list()).map(({ id }) => id)).toContain(rule.id);
      } finally {
        await later.close();
        await store().suppressionRules.remove(rule.id);
      }
    });

    it.each([
      [{ match: {} }, 'match'],
      [{ match: { rules: [] } }, 'match.rules'],
      [{ match: { rules: ['x'.repeat(257)] } }, 'match.rules.0'],
      [{ match: { names: ['ok', 'bad\nline'] } }, 'match.names.1'],
      [{ match: { colours: ['red'] } }, 'match.colours'],
      [{ match: { serviceAccounts: ['no-slash'] } }, 'match.serviceAccounts.0'],
      [{ expires: '2020-01-01' }, 'expires'],
      [{ expires: 'next tuesday' }, 'expires'],
      [{ reason: ' ' }, 'reason'],
      [{ clusters: ['no-such-cluster'] }, 'clusters'],
      [{ clusters: [] }, 'clusters'],
    ])('refuses %j naming %s', async (overrides, field) => {
      const error = await rejectionOf(
        store().suppressionRules.add({
          match: { rules: ['pod-exec'] },
          reason: 'r',
          createdBy: 'test',
          ...(overrides as object),
        })
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    });
  });

  describe('alert record and lifecycle', () => {
    it('says which call created an alert, and stores a suppressed one dismissed', async () => {
      const cluster = await store().clusters.add({ name: `rec-${randomSuffix()}`, source: 'eks' });
      const first = await store().alerts.record(cluster.id, engineAlert({ id: 'r1', count: 2 }));
      expect(first.created).toBe(true);
      expect(first.alert).toMatchObject({ status: 'new', count: 2 });
      const again = await store().alerts.record(cluster.id, engineAlert({ id: 'r1' }), {
        dismissReason: 'ignored on a fold',
      });
      expect(again).toMatchObject({ created: false, alert: { status: 'new', count: 3 } });

      const suppressed = await store().alerts.record(cluster.id, engineAlert({ id: 'r2' }), {
        dismissReason: 'suppressed by rule 42: CI',
        dismissedBy: 'suppression rule 42',
      });
      expect(suppressed.created).toBe(true);
      expect(suppressed.alert).toMatchObject({
        status: 'dismissed',
        dismissReason: 'suppressed by rule 42: CI',
        statusChangedBy: 'suppression rule 42',
      });
      expect(suppressed.alert.statusChangedAt).toBe(suppressed.alert.updatedAt);
    });

    it('lets one of several concurrent first records create the alert', async () => {
      const cluster = await store().clusters.add({ name: `race-${randomSuffix()}`, source: 'eks' });
      const results = await Promise.all(
        Array.from({ length: 6 }, () => store().alerts.record(cluster.id, engineAlert({ id: 'r' })))
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect((await store().alerts.get(`${cluster.id}:r`)).count).toBe(6);
    });

    it('keeps who changed the status and when', async () => {
      const cluster = await store().clusters.add({ name: `who-${randomSuffix()}`, source: 'eks' });
      const { id } = await store().alerts.upsert(cluster.id, engineAlert({ id: 'w' }));
      expect(await store().alerts.get(id)).not.toHaveProperty('statusChangedBy');
      const changed = await store().alerts.setStatus(id, 'in_progress', undefined, 'token alice');
      expect(changed).toMatchObject({ statusChangedBy: 'token alice' });
      expect(changed.statusChangedAt).toBe(changed.updatedAt);
      const anonymous = await store().alerts.setStatus(id, 'resolved');
      expect(anonymous).not.toHaveProperty('statusChangedBy');
    });
  });
}
