import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { randomSuffix, rejectionOf } from './contract-support.js';
import type { NewFinding } from './repos/findings.js';
import type { Store } from './store.js';

const digest = (n: number): string => `sha256:${n.toString(16).padStart(64, 'c')}`;
const kev = { dateAdded: '2023-10-10', ransomware: false };

function finding(
  vulnerabilityId: string,
  name: string,
  overrides: Partial<NewFinding> = {}
): NewFinding {
  return {
    vulnerabilityId,
    packagePurl: `pkg:deb/debian/${name}@1.0-1`,
    packageName: name,
    packageVersion: '1.0-1',
    severity: 'medium',
    title: `${name}: ${vulnerabilityId}`,
    ...overrides,
  };
}

/**
 * Open findings grouped by vulnerability (the by-CVE view) and the known-exploited mark on
 * findings. The database is shared with the other suites, so every id carries the test's own
 * suffix and every list searches for it.
 */
export function describeVulnerabilityContract(store: () => Store): void {
  /** Three images: A and B share two vulnerabilities, C has a third; one more was fixed. */
  async function seed(): Promise<{ tag: string; ids: string[]; images: string[] }> {
    const tag = randomSuffix();
    const [critical, low, single, gone] = ['1', '2', '3', '4'].map((n) => `CVE-${tag}-${n}`) as [
      string,
      string,
      string,
      string,
    ];
    const registry = await store().registries.add({ name: `v-${tag}`, url: '127.0.0.1:5000' });
    const images: string[] = [];
    for (const n of [1, 2, 3]) {
      const { image } = await store().images.upsert({
        registryId: registry.id,
        repository: `team/app${n}`,
        digest: digest(n),
        tags: [`${n}.0`],
      });
      images.push(image.id);
    }
    const [a, b, c] = images as [string, string, string];
    await store().findings.replace(a, [
      finding(critical, 'openssl', { severity: 'critical', fixedVersion: '1.0-2' }),
      finding(low, 'zlib1g', { severity: 'low' }),
      finding(gone, 'tar'),
    ]);
    await store().findings.replace(a, [
      finding(critical, 'openssl', { severity: 'critical', fixedVersion: '1.0-2' }),
      finding(low, 'zlib1g', { severity: 'low' }),
    ]);
    await store().findings.replace(b, [
      finding(critical, 'libssl3', { severity: 'high', knownExploited: kev }),
      finding(low, 'zlib1g', { severity: 'low' }),
    ]);
    await store().findings.replace(c, [finding(single, 'nghttp2', { severity: 'high' })]);
    return { tag, ids: [critical, low, single, gone], images };
  }

  describe('vulnerabilities (by CVE)', () => {
    it('groups open findings by vulnerability: worst severity, images, fix, exploitation', async () => {
      const { tag, ids, images } = await seed();
      const [critical, low, single] = ids as [string, string, string];

      const page = await store().vulnerabilities.list({ search: tag });

      expect(page.nextCursor).toBeUndefined();
      expect(
        page.items.map(({ firstSeen, ...rest }) => ({ ...rest, seen: firstSeen > '' }))
      ).toEqual([
        {
          id: critical,
          severity: 'critical',
          images: 2,
          findings: 2,
          fixable: true,
          knownExploited: kev,
          title: `openssl: ${critical}`,
          seen: true,
        },
        {
          id: single,
          severity: 'high',
          images: 1,
          findings: 1,
          fixable: false,
          title: `nghttp2: ${single}`,
          seen: true,
        },
        {
          id: low,
          severity: 'low',
          images: 2,
          findings: 2,
          fixable: false,
          title: `zlib1g: ${low}`,
          seen: true,
        },
      ]);
      expect(await store().vulnerabilities.get(critical)).toEqual(page.items[0]);
      expect(await store().vulnerabilities.get(`CVE-${tag}-4`)).toBeUndefined();
      const imageIds = await store().vulnerabilities.imageIds([critical, single, 'CVE-none']);
      expect(imageIds.get(critical)?.sort()).toEqual([images[0], images[1]].sort());
      expect(imageIds.get(single)).toEqual([images[2]]);
      expect(imageIds.get('CVE-none')).toEqual([]);
    });

    it('filters by worst severity, fix, exploitation and a part of a package name', async () => {
      const { tag, ids } = await seed();
      const [critical, low, single] = ids as [string, string, string];
      const idsOf = async (query: object) =>
        (await store().vulnerabilities.list({ search: tag, ...query })).items.map(({ id }) => id);

      expect(await idsOf({ severity: 'high' })).toEqual([single]);
      expect(await idsOf({ fixable: true })).toEqual([critical]);
      expect(await idsOf({ fixable: false })).toEqual([single, low]);
      expect(await idsOf({ exploited: true })).toEqual([critical]);
      expect(await idsOf({ exploited: false })).toEqual([single, low]);
      expect(await idsOf({ exploited: true, fixable: false })).toEqual([]);
      // A package name finds the vulnerability, whose counts still cover every image.
      const byPackage = await store().vulnerabilities.list({ search: 'LIBSSL' });
      expect(byPackage.items.find(({ id }) => id === critical)).toMatchObject({ images: 2 });
      // LIKE's wildcards are the user's characters, not patterns.
      expect((await store().vulnerabilities.list({ search: `${tag}%_` })).items).toEqual([]);
    });

    it('sorts by images or severity either way and pages with a cursor', async () => {
      const { tag, ids } = await seed();
      const [critical, low, single] = ids as [string, string, string];

      const byImages = await store().vulnerabilities.list({ search: tag, sort: 'images' });
      // Two images each, then by id, descending: -2 before -1.
      expect(byImages.items.map(({ id }) => id)).toEqual([low, critical, single]);
      const ascending = await store().vulnerabilities.list({ search: tag, order: 'asc' });
      expect(ascending.items.map(({ id }) => id)).toEqual([low, single, critical]);

      for (const sort of ['severity', 'images'] as const) {
        const all = (await store().vulnerabilities.list({ search: tag, sort })).items;
        const paged = [];
        let cursor: string | undefined;
        do {
          const page = await store().vulnerabilities.list({
            search: tag,
            sort,
            limit: 1,
            ...(cursor !== undefined ? { cursor } : {}),
          });
          paged.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        expect(paged).toEqual(all);
      }
    });

    it('refuses a bad sort, a cursor of another sort, and an empty search, naming the field', async () => {
      const { tag } = await seed();
      const first = await store().vulnerabilities.list({ search: tag, limit: 1 });

      const sort = await rejectionOf(
        store().vulnerabilities.list({ sort: 'name' as unknown as 'images' })
      );
      expect(sort).toBeInstanceOf(InputError);
      expect(sort.message).toMatch(/^sort: /);
      const cursor = await rejectionOf(
        store().vulnerabilities.list({ sort: 'images', cursor: first.nextCursor ?? '' })
      );
      expect(cursor.message).toMatch(/^cursor: /);
      const search = await rejectionOf(store().vulnerabilities.list({ search: '' }));
      expect(search.message).toMatch(/^search: /);
    });

    it('lists the images a vulnerability is open in, with the package, version and fix', async () => {
      const { ids, images } = await seed();
      const [critical] = ids as [string];
      const [, second] = images as [string, string];
      await store().images.setSbom(second, '{"bomFormat":"CycloneDX"}', '2025-01-01T00:00:00.000Z');

      const affected = await store().vulnerabilities.affected(critical);

      expect(affected.map(({ firstSeen, ...rest }) => ({ ...rest, seen: firstSeen > '' }))).toEqual(
        [
          {
            imageId: images[0],
            registryId: expect.any(String) as string,
            repository: 'team/app1',
            digest: expect.stringMatching(/^sha256:/) as string,
            tags: ['1.0'],
            hasSbom: false,
            package: { purl: 'pkg:deb/debian/openssl@1.0-1', name: 'openssl', version: '1.0-1' },
            severity: 'critical',
            fixedVersion: '1.0-2',
            seen: true,
          },
          {
            imageId: images[1],
            registryId: expect.any(String) as string,
            repository: 'team/app2',
            digest: expect.stringMatching(/^sha256:/) as string,
            tags: ['2.0'],
            hasSbom: true,
            package: { purl: 'pkg:deb/debian/libssl3@1.0-1', name: 'libssl3', version: '1.0-1' },
            severity: 'high',
            seen: true,
          },
        ]
      );
      expect(await store().vulnerabilities.affected('CVE-none')).toEqual([]);
    });

    it('keeps the known-exploited mark on findings, updates it on a later match, and filters by it', async () => {
      const { tag, ids, images } = await seed();
      const [, low] = ids as [string, string];
      const [a] = images as [string];
      const lowOf = async () =>
        (await store().findings.list({ imageId: a, vulnerabilityId: low })).items[0];
      expect((await lowOf())?.knownExploited).toBeUndefined();

      await store().findings.replace(a, [
        finding(`CVE-${tag}-1`, 'openssl', { severity: 'critical', fixedVersion: '1.0-2' }),
        finding(low, 'zlib1g', {
          severity: 'low',
          knownExploited: { dateAdded: '2024-01-02', ransomware: true },
        }),
      ]);

      expect((await lowOf())?.knownExploited).toEqual({
        dateAdded: '2024-01-02',
        ransomware: true,
      });
      const exploited = await store().findings.list({ imageId: a, exploited: true });
      expect(exploited.items.map(({ vulnerabilityId }) => vulnerabilityId)).toEqual([low]);
      const fixable = await store().findings.list({ imageId: a, fixable: true, state: 'open' });
      expect(fixable.items.map(({ vulnerabilityId }) => vulnerabilityId)).toEqual([`CVE-${tag}-1`]);
      const bad = await rejectionOf(
        store().findings.replace(a, [
          finding(low, 'zlib1g', { knownExploited: { dateAdded: 'soon', ransomware: false } }),
        ])
      );
      expect(bad).toBeInstanceOf(InputError);
      expect(bad.message).toMatch(/^knownExploited\.dateAdded: /);
    });
  });
}
