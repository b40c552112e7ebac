import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors.js';
import { randomSuffix, rejectionOf, type OpenStore } from './contract-support.js';
import type { RecommendationResult } from './repos/recommendation-row.js';
import type { Store } from './store.js';

function failing(check: string, namespace: string, name: string): RecommendationResult {
  return {
    check,
    title: `title of ${check}`,
    severity: 'high',
    controls: [{ framework: 'pss-baseline', id: 'privileged' }],
    status: 'fail',
    resource: { kind: 'Pod', namespace, name },
    message: `${name} fails`,
  };
}

/** A check id no other test uses, so exemptions for every cluster touch nothing else. */
const freshCheck = (): string => `ex-check-${randomSuffix()}`;

/** Exemptions: kept with their scope and expiry, applied to recommendations when read. */
export function describeExemptionContract(store: () => Store, open: OpenStore): void {
  describe('exemptions', () => {
    it('keeps one with its cluster, resource, category, reason and expiry, lists, gets and removes it', async () => {
      const cluster = await store().clusters.add({ name: `ex-${randomSuffix()}`, source: 'eks' });
      const check = freshCheck();
      const added = await store().exemptions.add({
        clusterId: cluster.id,
        check,
        resource: 'Pod/shop/web',
        category: 'mitigated',
        reason: '  a WAF in front blocks it  ',
        expiresAt: '2999-06-30',
        createdBy: 'token ops',
      });
      expect(added).toMatchObject({
        clusterId: cluster.id,
        check,
        resource: 'Pod/shop/web',
        category: 'mitigated',
        reason: 'a WAF in front blocks it',
        expiresAt: '2999-06-30T00:00:00.000Z',
        createdBy: 'token ops',
        state: 'active',
      });
      expect(added).not.toHaveProperty('namespace');
      expect(await store().exemptions.get(added.id)).toEqual(added);
      // Stored times have millisecond precision: the next one is newer, not tied.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const everywhere = await store().exemptions.add({
        check,
        namespace: 'shop',
        category: 'risk_accepted',
        reason: 'shop is a sandbox',
        createdBy: 'token ops',
      });
      expect(everywhere).not.toHaveProperty('clusterId');
      expect(everywhere).not.toHaveProperty('expiresAt');
      const other = await store().clusters.add({ name: `ex-${randomSuffix()}`, source: 'eks' });
      const ids = async (query: Parameters<Store['exemptions']['list']>[0]) =>
        (await store().exemptions.list(query)).items.map(({ id }) => id);
      // Newest first; a cluster's list includes the exemptions for every cluster.
      expect(await ids({ check })).toEqual([everywhere.id, added.id]);
      expect(await ids({ check, clusterId: other.id })).toEqual([everywhere.id]);
      expect(await ids({ check, clusterId: cluster.id, state: 'active' })).toEqual([
        everywhere.id,
        added.id,
      ]);
      expect(await ids({ check, state: 'expired' })).toEqual([]);
      const first = await store().exemptions.list({ check, limit: 1 });
      expect(first.items.map(({ id }) => id)).toEqual([everywhere.id]);
      const second = await store().exemptions.list({ check, limit: 1, cursor: first.nextCursor });
      expect(second.items.map(({ id }) => id)).toEqual([added.id]);
      expect(second.nextCursor).toBeUndefined();

      await store().exemptions.remove(everywhere.id);
      expect(await rejectionOf(store().exemptions.get(everywhere.id))).toBeInstanceOf(
        NotFoundError
      );
      expect(await rejectionOf(store().exemptions.remove(everywhere.id))).toBeInstanceOf(
        NotFoundError
      );
      // A cluster's exemptions go with it.
      await store().clusters.remove(cluster.id);
      expect(await rejectionOf(store().exemptions.get(added.id))).toBeInstanceOf(NotFoundError);
    });

    it('says which are active at a given time, and lists an expired one as expired', async () => {
      const check = freshCheck();
      const lasting = await store().exemptions.add({
        check,
        category: 'false_positive',
        reason: 'the check misreads our admission policy',
        createdBy: 'test',
      });
      const expiring = await store().exemptions.add({
        check,
        category: 'risk_accepted',
        reason: 'until the migration',
        expiresAt: '2999-01-31T12:00:00Z',
        createdBy: 'test',
      });
      const activeAt = async (at: string) =>
        (await store().exemptions.active({ at, checks: [check] })).map(({ id }) => id);
      // Both may be made in the same millisecond, when the order is by id.
      expect((await activeAt('2999-01-31T11:59:59.999Z')).sort()).toEqual(
        [lasting.id, expiring.id].sort()
      );
      expect(await activeAt('2999-01-31T12:00:00.000Z')).toEqual([lasting.id]);
      expect(await store().exemptions.active({ checks: [] })).toEqual([]);
      const later = await open({ now: () => new Date('2999-02-01T00:00:00Z') });
      try {
        expect((await later.exemptions.get(expiring.id)).state).toBe('expired');
        const expired = await later.exemptions.list({ check, state: 'expired' });
        expect(expired.items.map(({ id, state }) => ({ id, state }))).toEqual([
          { id: expiring.id, state: 'expired' },
        ]);
        expect(
          (await later.exemptions.list({ check, state: 'active' })).items.map(({ id }) => id)
        ).toEqual([lasting.id]);
      } finally {
        await later.close();
        await store().exemptions.remove(lasting.id);
        await store().exemptions.remove(expiring.id);
      }
    });

    const refused: [object, string][] = [
      [{ check: '' }, 'check'],
      [{ check: 'Not A Check' }, 'check'],
      [{ resource: 'web' }, 'resource'],
      [{ resource: 'Pod/shop/' }, 'resource'],
      [{ resource: 'Pod/shop/web', namespace: 'shop' }, 'resource'],
      [{ namespace: 'Shop_1' }, 'namespace'],
      [{ category: 'because' }, 'category'],
      [{ reason: '   ' }, 'reason'],
      [{ reason: 'x'.repeat(2049) }, 'reason'],
      [{ expiresAt: '2020-01-01' }, 'expiresAt'],
      [{ expiresAt: 'soon' }, 'expiresAt'],
      [{ clusterId: 'no-such-cluster' }, 'clusterId'],
      [{ createdBy: '' }, 'createdBy'],
    ];
    it.each(
      refused.map(([overrides, field]) => [
        JSON.stringify(overrides).slice(0, 60),
        field,
        overrides,
      ])
    )('refuses %s naming %s', async (_label, field, overrides) => {
      const error = await rejectionOf(
        store().exemptions.add({
          check: 'pss-privileged',
          category: 'mitigated',
          reason: 'r',
          createdBy: 'test',
          ...overrides,
        })
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    });

    it('refuses a bad list query naming the field', async () => {
      for (const [query, field] of [
        [{ state: 'stale' }, 'state'],
        [{ limit: 0 }, 'limit'],
        [{ cursor: 'garbage' }, 'cursor'],
        [{ check: 'Bad Check' }, 'check'],
      ] as const) {
        const error = await rejectionOf(store().exemptions.list(query as object));
        expect(error).toBeInstanceOf(InputError);
        expect(error.message.startsWith(`${field}: `)).toBe(true);
      }
    });

    it('marks the failing recommendations an active exemption covers, and filters by it', async () => {
      const check = freshCheck();
      const prod = await store().clusters.add({ name: `ex-${randomSuffix()}`, source: 'eks' });
      const lab = await store().clusters.add({ name: `ex-${randomSuffix()}`, source: 'eks' });
      const at = new Date().toISOString();
      const results = [
        failing(check, 'shop', 'web'),
        failing(check, 'shop', 'api'),
        failing(check, 'ops', 'job'),
        { ...failing(check, 'ops', 'ok'), status: 'manual' as const },
      ];
      await store().recommendations.apply(prod.id, { at, results });
      await store().recommendations.apply(lab.id, { at, results });
      const exemptedNames = async (clusterId: string, exempted?: boolean) =>
        (
          await store().recommendations.list({
            clusterId,
            check,
            ...(exempted !== undefined ? { exempted } : {}),
          })
        ).items
          .filter((item) => exempted !== undefined || item.exemption !== undefined)
          .map((item) => item.resource.name)
          .sort();
      expect(await exemptedNames(prod.id)).toEqual([]);

      const one = await store().exemptions.add({
        clusterId: prod.id,
        check,
        resource: 'Pod/shop/web',
        category: 'mitigated',
        reason: 'network policy isolates it',
        expiresAt: '2999-01-01',
        createdBy: 'test',
      });
      const listed = await store().recommendations.list({ clusterId: prod.id, check });
      expect(listed.items.find((item) => item.resource.name === 'web')?.exemption).toEqual({
        id: one.id,
        category: 'mitigated',
        reason: 'network policy isolates it',
        expiresAt: '2999-01-01T00:00:00.000Z',
        clusterId: prod.id,
        scope: 'resource',
      });
      const web = listed.items.find((item) => item.resource.name === 'web');
      expect(web?.status).toBe('fail');
      expect((await store().recommendations.get(web?.id ?? '')).exemption?.id).toBe(one.id);
      expect(await exemptedNames(prod.id, true)).toEqual(['web']);
      expect(await exemptedNames(prod.id, false)).toEqual(['api', 'job', 'ok']);
      const coveredAt = async (at?: string) =>
        (await store().exemptions.coveredFailures(at)).filter((row) => row.check === check);
      expect(await coveredAt()).toEqual([{ clusterId: prod.id, check, count: 1 }]);
      expect(await coveredAt('2999-01-01T00:00:00.000Z')).toEqual([]);
      // Another cluster's exemption does not reach this one.
      expect(await exemptedNames(lab.id, true)).toEqual([]);

      const namespace = await store().exemptions.add({
        check,
        namespace: 'shop',
        category: 'risk_accepted',
        reason: 'shop is a sandbox',
        createdBy: 'test',
      });
      expect(await exemptedNames(lab.id)).toEqual(['api', 'web']);
      // The narrowest exemption is the one shown.
      expect(
        (await store().recommendations.list({ clusterId: prod.id, check })).items.find(
          (item) => item.resource.name === 'web'
        )?.exemption?.id
      ).toBe(one.id);
      const whole = await store().exemptions.add({
        clusterId: lab.id,
        check,
        category: 'false_positive',
        reason: 'lab only',
        createdBy: 'test',
      });
      // Manual results are not failing: nothing to exempt.
      expect(await exemptedNames(lab.id, true)).toEqual(['api', 'job', 'web']);
      expect(await exemptedNames(lab.id, false)).toEqual(['ok']);

      expect((await coveredAt()).sort((a, b) => a.count - b.count)).toEqual([
        { clusterId: prod.id, check, count: 2 },
        { clusterId: lab.id, check, count: 3 },
      ]);
      // Exemptions apply at the time of reading: past its expiry, `one` covers nothing.
      const later = await open({ now: () => new Date('2999-01-01T00:00:00Z') });
      try {
        const web2999 = (
          await later.recommendations.list({ clusterId: prod.id, check })
        ).items.find((item) => item.resource.name === 'web');
        expect(web2999?.exemption?.id).toBe(namespace.id);
      } finally {
        await later.close();
      }
      for (const { id } of [one, namespace, whole]) {
        await store().exemptions.remove(id);
      }
      expect(await exemptedNames(prod.id, true)).toEqual([]);
    });
  });
}
