import { describe, expect, it } from 'vitest';
import { InputError, NotFoundError } from '../../core/errors.js';
import { randomSuffix, rejectionOf } from './contract-support.js';
import type { NewFinding } from './repos/findings.js';
import type { Store } from './store.js';

const digest = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`;

function finding(
  vulnerabilityId: string,
  name: string,
  overrides: Partial<NewFinding> = {}
): NewFinding {
  return {
    vulnerabilityId,
    packagePurl: `pkg:apk/alpine/${name}@1.0-r0`,
    packageName: name,
    packageVersion: '1.0-r0',
    severity: 'high',
    fixedVersion: '1.0-r1',
    title: `${name}: ${vulnerabilityId}`,
    ...overrides,
  };
}

/** Images by digest, their scans, and their findings with the new/fixed history. */
export function describeImageContract(store: () => Store): void {
  async function registry(): Promise<string> {
    return (await store().registries.add({ name: `r-${randomSuffix()}`, url: '127.0.0.1:5000' }))
      .id;
  }

  describe('images', () => {
    it('upserts by registry, repository and digest, keeping every tag seen', async () => {
      const registryId = await registry();
      const first = await store().images.upsert({
        registryId,
        repository: 'team/app',
        digest: digest(1),
        tags: ['1.0', 'latest'],
      });
      expect(first.created).toBe(true);
      expect(first.image).toMatchObject({
        registryId,
        repository: 'team/app',
        digest: digest(1),
        tags: ['1.0', 'latest'],
        hasSbom: false,
      });
      const again = await store().images.upsert({
        registryId,
        repository: 'team/app',
        digest: digest(1),
        tags: ['stable', 'latest'],
      });
      expect(again.created).toBe(false);
      expect(again.image.id).toBe(first.image.id);
      expect(again.image.tags).toEqual(['1.0', 'latest', 'stable']);
      expect((await store().images.get(first.image.id)).tags).toEqual(['1.0', 'latest', 'stable']);
      const other = await store().images.upsert({
        registryId,
        repository: 'team/other',
        digest: digest(1),
        tags: [],
      });
      expect(other.created).toBe(true);
      expect(other.image.id).not.toBe(first.image.id);
    });

    it('refuses a bad digest and an unknown registry, and names an unknown id', async () => {
      const registryId = await registry();
      const bad = await rejectionOf(
        store().images.upsert({ registryId, repository: 'a', digest: 'latest', tags: [] })
      );
      expect(bad).toBeInstanceOf(InputError);
      expect(bad.message).toMatch(/^digest: /);
      await expect(
        store().images.upsert({ registryId: 'nope', repository: 'a', digest: digest(2), tags: [] })
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(store().images.get('nope')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('lists with filters, newest first, a page at a time', async () => {
      const registryId = await registry();
      const ids: string[] = [];
      for (let n = 10; n < 15; n += 1) {
        const { image } = await store().images.upsert({
          registryId,
          repository: n % 2 === 0 ? 'even' : 'odd',
          digest: digest(n),
          tags: [String(n)],
        });
        ids.push(image.id);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store().images.list({
          registryId,
          limit: 2,
          ...(cursor ? { cursor } : {}),
        });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((image) => image.id));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(seen.sort()).toEqual([...ids].sort());
      const even = await store().images.list({ registryId, repository: 'even' });
      expect(even.items.map((image) => image.digest).sort()).toEqual(
        [digest(10), digest(12), digest(14)].sort()
      );
      const one = await store().images.list({ digest: digest(13) });
      expect(one.items.map((image) => image.id)).toEqual([ids[3]]);
      await expect(store().images.list({ cursor: 'garbage' })).rejects.toBeInstanceOf(InputError);
    });

    it('summarises a registry’s repositories with their image counts and last scan', async () => {
      const registryId = await registry();
      for (const [n, repository] of [
        [20, 'web'],
        [21, 'api'],
        [22, 'web'],
      ] as const) {
        await store().images.upsert({ registryId, repository, digest: digest(n), tags: [] });
      }
      const [scanned] = (await store().images.list({ registryId, repository: 'api' })).items;
      await store().images.setSbom(scanned?.id ?? '', '{}', '2030-02-03T04:05:06.000Z');
      expect(await store().images.repositories(registryId)).toEqual([
        { repository: 'api', images: 1, lastScannedAt: '2030-02-03T04:05:06.000Z' },
        { repository: 'web', images: 2 },
      ]);
      expect(await store().images.repositories('no-such-registry')).toEqual([]);
    });

    it('stores an SBOM and lists the images that have one', async () => {
      const registryId = await registry();
      const { image } = await store().images.upsert({
        registryId,
        repository: 'sbom',
        digest: digest(20),
        tags: [],
      });
      expect(await store().images.sbom(image.id)).toBeUndefined();
      await store().images.setSbom(
        image.id,
        '{"bomFormat":"CycloneDX"}',
        '2025-01-01T00:00:00.000Z'
      );
      await store().images.setAdvisories(image.id, '2024-12-31T00:00:00.000Z');
      expect(await store().images.sbom(image.id)).toBe('{"bomFormat":"CycloneDX"}');
      expect(await store().images.get(image.id)).toMatchObject({
        hasSbom: true,
        lastScannedAt: '2025-01-01T00:00:00.000Z',
        advisoriesBuiltAt: '2024-12-31T00:00:00.000Z',
      });
      const all: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store().images.withSbom(after, 2);
        if (page.length === 0) {
          break;
        }
        all.push(...page);
        after = page[page.length - 1];
      }
      expect(all).toContain(image.id);
      await expect(
        store().images.setSbom('nope', '{}', '2025-01-01T00:00:00.000Z')
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('scans', () => {
    async function image(): Promise<string> {
      const registryId = await registry();
      return (
        await store().images.upsert({
          registryId,
          repository: 'scan',
          digest: digest(30),
          tags: [],
        })
      ).image.id;
    }

    it('goes queued, running, queued again with the error, running, done', async () => {
      const imageId = await image();
      const queued = await store().scans.queue(imageId, 'added');
      expect(queued).toMatchObject({ imageId, status: 'queued', trigger: 'added', attempt: 0 });
      const running = await store().scans.start(queued.id, { worker: 'host-a:101', attempt: 1 });
      expect(running).toMatchObject({ status: 'running', worker: 'host-a:101', attempt: 1 });
      expect(running.startedAt).toBeDefined();
      const retried = await store().scans.retry(queued.id, 'registry 127.0.0.1:5000 answered 503');
      expect(retried).toMatchObject({
        status: 'queued',
        error: 'registry 127.0.0.1:5000 answered 503',
      });
      await store().scans.start(queued.id, { worker: 'host-b:202', attempt: 2 });
      const done = await store().scans.finish(queued.id, {
        packageCount: 3,
        findingCount: 1,
        note: 'no advisory database',
      });
      expect(done).toMatchObject({
        status: 'done',
        worker: 'host-b:202',
        attempt: 2,
        packageCount: 3,
        findingCount: 1,
        note: 'no advisory database',
      });
      expect(done).not.toHaveProperty('error');
      expect((await store().scans.lastDone(imageId))?.id).toBe(queued.id);
    });

    it('fails the running scans whose worker went silent, and only those', async () => {
      const imageId = await image();
      const running = await store().scans.queue(imageId, 'added');
      await store().scans.start(running.id, { worker: 'h:7', attempt: 5 });
      await store().scans.heartbeat(running.id);
      const waiting = await store().scans.queue(imageId, 'demand');
      expect(await store().scans.reapSilent('2000-01-01T00:00:00.000Z', 'silent')).toBe(0);
      expect(await store().scans.reapSilent('2999-01-01T00:00:00.000Z', 'worker silent')).toBe(1);
      expect(await store().scans.get(running.id)).toMatchObject({
        status: 'failed',
        error: 'worker silent',
      });
      expect((await store().scans.get(waiting.id)).status).toBe('queued');
      // A delivery that starts it again wins over the reaper.
      const again = await store().scans.start(running.id, { worker: 'h:8', attempt: 5 });
      expect(again.status).toBe('running');
      await store().scans.heartbeat(waiting.id);
      expect((await store().scans.get(waiting.id)).status).toBe('queued');
      await store().scans.finish(running.id, { packageCount: 0, findingCount: 0 });
      expect(await store().scans.reapSilent('2999-01-01T00:00:00.000Z', 'worker silent')).toBe(0);
    });

    it('fails with the reason, lists per image and by status, newest first', async () => {
      const imageId = await image();
      const one = await store().scans.queue(imageId, 'schedule');
      // Another millisecond, so `two` is the newer by its queue time and not by its random id.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const two = await store().scans.queue(imageId, 'demand');
      const failed = await store().scans.fail(one.id, 'manifest not found');
      expect(failed).toMatchObject({ status: 'failed', error: 'manifest not found' });
      expect(failed.finishedAt).toBeDefined();
      expect(await store().scans.lastDone(imageId)).toBeUndefined();
      expect((await store().scans.latest(imageId))?.id).toBe(two.id);
      const listed = await store().scans.list({ imageId, limit: 1 });
      expect(listed.items.map((scan) => scan.id)).toEqual([two.id]);
      const next = await store().scans.list({ imageId, limit: 1, cursor: listed.nextCursor ?? '' });
      expect(next.items.map((scan) => scan.id)).toEqual([one.id]);
      expect(next.nextCursor).toBeUndefined();
      const failedOnes = await store().scans.list({ status: 'failed', limit: 500 });
      expect(failedOnes.items.map((scan) => scan.id)).toContain(one.id);
      expect(failedOnes.items.every((scan) => scan.status === 'failed')).toBe(true);
      await store().scans.discard(two.id);
      await store().scans.discard(one.id);
      expect((await store().scans.latest(imageId))?.id).toBe(one.id);
      await expect(store().scans.get(two.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store().scans.queue('nope', 'added')).rejects.toBeInstanceOf(NotFoundError);
      await expect(store().scans.get('nope')).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        store().scans.start('nope', { worker: 'h:1', attempt: 1 })
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('findings', () => {
    async function image(n: number): Promise<string> {
      const registryId = await registry();
      return (
        await store().images.upsert({ registryId, repository: 'f', digest: digest(n), tags: [] })
      ).image.id;
    }

    it('keeps the history: new, fixed when gone, open again when found again', async () => {
      const imageId = await image(40);
      const first = await store().findings.replace(imageId, [
        finding('CVE-1', 'busybox', { severity: 'critical' }),
        finding('CVE-2', 'musl', { severity: 'low' }),
        // The same pair twice: one row, the worse severity.
        finding('CVE-2', 'musl', { severity: 'medium' }),
      ]);
      expect(first).toEqual({ added: 2, fixed: 0, reopened: 0, open: 2 });
      expect(await store().findings.counts(imageId)).toEqual({
        critical: 1,
        high: 0,
        medium: 1,
        low: 0,
        negligible: 0,
        unknown: 0,
      });

      const second = await store().findings.replace(imageId, [
        finding('CVE-2', 'musl', { severity: 'medium' }),
        finding('CVE-3', 'zlib'),
      ]);
      expect(second).toEqual({ added: 1, fixed: 1, reopened: 0, open: 2 });
      const fixed = await store().findings.list({ imageId, state: 'fixed' });
      expect(fixed.items.map((item) => item.vulnerabilityId)).toEqual(['CVE-1']);
      expect(fixed.items[0]).toMatchObject({
        state: 'fixed',
        package: { name: 'busybox', version: '1.0-r0' },
        title: 'busybox: CVE-1',
      });
      expect(fixed.items[0]?.fixedAt).toBeDefined();

      const third = await store().findings.replace(imageId, [
        finding('CVE-1', 'busybox', { severity: 'critical' }),
        finding('CVE-2', 'musl', { severity: 'medium' }),
        finding('CVE-3', 'zlib'),
      ]);
      expect(third).toEqual({ added: 0, fixed: 0, reopened: 1, open: 3 });
      const open = await store().findings.list({ imageId, state: 'open' });
      expect(open.items.map((item) => item.vulnerabilityId)).toEqual(['CVE-1', 'CVE-3', 'CVE-2']);
      expect(open.items[0]).not.toHaveProperty('fixedAt');

      expect(await store().findings.replace(imageId, [])).toEqual({
        added: 0,
        fixed: 3,
        reopened: 0,
        open: 0,
      });
      expect((await store().findings.counts(imageId)).critical).toBe(0);
    });

    it('sorts by first seen either way, a page at a time, and refuses a cursor of another sort', async () => {
      const c = await image(43);
      await store().findings.replace(c, [
        finding('CVE-A', 'a', { severity: 'low' }),
        finding('CVE-B', 'b', { severity: 'critical' }),
        finding('CVE-C', 'c', { severity: 'medium' }),
      ]);
      // A later scan finds one more: its first-seen time is later than the others'.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store().findings.replace(c, [
        finding('CVE-A', 'a', { severity: 'low' }),
        finding('CVE-B', 'b', { severity: 'critical' }),
        finding('CVE-C', 'c', { severity: 'medium' }),
        finding('CVE-D', 'd', { severity: 'low' }),
      ]);
      const pages = async (order: 'asc' | 'desc'): Promise<string[]> => {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store().findings.list({
            imageId: c,
            sort: 'firstSeen',
            order,
            limit: 1,
            ...(cursor ? { cursor } : {}),
          });
          seen.push(...page.items.map((item) => item.vulnerabilityId));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        return seen;
      };
      const ascending = await pages('asc');
      expect(ascending.slice().sort()).toEqual(['CVE-A', 'CVE-B', 'CVE-C', 'CVE-D']);
      expect(ascending.at(-1)).toBe('CVE-D');
      const descending = await pages('desc');
      expect(descending[0]).toBe('CVE-D');
      expect(descending.slice().reverse()).toEqual(ascending);

      const bySeverity = await store().findings.list({ imageId: c, limit: 1 });
      const crossed = await rejectionOf(
        store().findings.list({
          imageId: c,
          sort: 'firstSeen',
          cursor: bySeverity.nextCursor ?? '',
        })
      );
      expect(crossed).toBeInstanceOf(InputError);
      expect(crossed.message).toMatch(/^cursor: /);
      const badSort = await rejectionOf(store().findings.list({ sort: 'package' as 'severity' }));
      expect(badSort.message).toMatch(/^sort: /);
    });

    it('lists across images by severity and vulnerability, worst first, a page at a time', async () => {
      const a = await image(41);
      const b = await image(42);
      const vulnerability = `CVE-${randomSuffix()}`;
      await store().findings.replace(a, [
        finding(vulnerability, 'openssl', { severity: 'critical' }),
        finding('CVE-low', 'musl', { severity: 'low' }),
      ]);
      await store().findings.replace(b, [finding(vulnerability, 'openssl', { severity: 'high' })]);
      const both = await store().findings.list({ vulnerabilityId: vulnerability });
      expect(both.items.map((item) => [item.imageId, item.severity])).toEqual([
        [a, 'critical'],
        [b, 'high'],
      ]);
      const lows = await store().findings.list({ imageId: a, severity: 'low' });
      expect(lows.items.map((item) => item.vulnerabilityId)).toEqual(['CVE-low']);
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store().findings.list({ limit: 1, ...(cursor ? { cursor } : {}) });
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(3);
      await expect(
        store().findings.replace('nope', [finding('CVE-1', 'x')])
      ).rejects.toBeInstanceOf(NotFoundError);
      const bad = await rejectionOf(
        store().findings.replace(a, [finding('CVE-1', 'x', { severity: 'dire' as 'high' })])
      );
      expect(bad.message).toMatch(/^severity: /);
    });
  });
}
