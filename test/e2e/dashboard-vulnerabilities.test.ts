/**
 * The Vulnerabilities page's by-CVE view in a real browser, against `palisade serve --demo`
 * (its images, findings, known-exploited mark, SBOMs and the workloads that run the images):
 * switch to By CVE, filter by known exploited and fix (in the URL), open a CVE and see the
 * images and running workloads the API gives, download an image's SBOM, export the CSV, and
 * reload a deep link. No console errors. Screenshots go to test-artifacts/dashboard/.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminTokenFrom,
  apiClient,
  dashboardArtifacts as artifacts,
  launchBrowser,
  openPage,
  signIn,
} from '../harness/browser.js';
import { serveInProcess, type ServingPlatform } from '../harness/serve-in-process.js';

interface Vulnerability {
  id: string;
  severity: string;
  images: number;
  workloads: number;
  fixable: boolean;
  knownExploited?: { dateAdded: string; ransomware: boolean };
}
interface Detail extends Vulnerability {
  affected: { imageId: string; repository: string; digest: string; tags: string[] }[];
  running: { cluster: string; namespace: string; kind: string; name: string; container: string }[];
}

let work = '';
let demo: ServingPlatform | undefined;
let browser: Browser | undefined;
let token = '';
const api = apiClient(
  () => demo?.url ?? '',
  () => token
);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'palisade-dashboard-cve-'));
  demo = await serveInProcess(['--demo', '--data-dir', join(work, 'demo')]);
  token = adminTokenFrom(demo.said());
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (demo !== undefined) {
    expect(await demo.stop()).toBe(0);
  }
  await rm(work, { recursive: true, force: true });
});

describe('dashboard: vulnerabilities by CVE', () => {
  it('filters by CVE, opens one with its images and workloads, downloads an SBOM, and restores deep links', async () => {
    const { page, errors } = await openPage(browser!, 1280, 900);
    await signIn(page, demo!.url, token);
    await page.getByTestId('overall-score').waitFor();
    await page.getByRole('link', { name: 'Vulnerabilities' }).click();
    await page.getByRole('table', { name: 'Findings' }).waitFor();
    // The by-image rows show exploitation and whether a fix exists.
    expect(await page.getByText('Known exploited', { exact: true }).count()).toBe(1);
    await page.getByRole('link', { name: 'By CVE' }).click();
    expect(new URL(page.url()).searchParams.get('view')).toBe('cve');

    const all = await api<{ items: Vulnerability[] }>('/api/v1/vulnerabilities?limit=100');
    const rows = page.getByRole('table', { name: 'Vulnerabilities by CVE' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(all.items.length);
    expect(all.items).toHaveLength(10);
    await page.screenshot({ path: join(artifacts, 'vulnerabilities-by-cve.png'), fullPage: true });

    await page.getByLabel('Known exploited').selectOption('true');
    expect(new URL(page.url()).searchParams.get('exploited')).toBe('true');
    const exploited = await api<{ items: Vulnerability[] }>(
      '/api/v1/vulnerabilities?exploited=true'
    );
    expect(exploited.items.map(({ id }) => id)).toEqual(['CVE-2023-44487']);
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Known exploited').selectOption('');
    await page.getByLabel('Fix available').selectOption('false');
    const unfixed = await api<{ items: Vulnerability[] }>('/api/v1/vulnerabilities?fixable=false');
    await expect.poll(() => rows.count()).toBe(unfixed.items.length);
    await expect
      .poll(() => rows.first().getByRole('link').textContent())
      .toBe(unfixed.items[0]!.id);
    await page.getByLabel('Fix available').selectOption('');
    await page.getByLabel('Search').fill('nghttp2');
    await page.getByRole('button', { name: 'Search' }).click();
    expect(new URL(page.url()).searchParams.get('search')).toBe('nghttp2');
    await expect.poll(() => rows.count()).toBe(1);

    await page.getByRole('link', { name: 'CVE-2023-44487' }).click();
    expect(new URL(page.url()).searchParams.get('open')).toBe('CVE-2023-44487');
    const detail = await api<Detail>('/api/v1/vulnerabilities/CVE-2023-44487');
    expect(detail.knownExploited).toEqual({ dateAdded: '2023-10-10', ransomware: false });
    expect(detail.running.length).toBeGreaterThan(0);
    const images = page.getByRole('table', { name: 'Images with this vulnerability' });
    const running = page.getByRole('table', { name: 'Running workloads with this vulnerability' });
    await expect
      .poll(() => images.locator('tbody td:first-child').allTextContents())
      .toEqual(detail.affected.map((row) => `${row.repository}:${row.tags[0]}`));
    expect(await running.locator('tbody tr').allInnerTexts()).toEqual(
      detail.running.map((row) =>
        [row.cluster, row.namespace, `${row.kind}/${row.name}`, row.container].join('\t')
      )
    );
    expect(await page.getByTestId('exploitation').textContent()).toContain('2023-10-10');
    await page.screenshot({ path: join(artifacts, 'vulnerability-detail.png'), fullPage: true });

    const [image] = detail.affected;
    const name = `${image!.repository}:${image!.tags[0]}`;
    const [sbom] = await Promise.all([
      page.waitForEvent('download'),
      images.getByRole('button', { name: `Download the SBOM of ${name}` }).click(),
    ]);
    expect(sbom.suggestedFilename()).toMatch(/^shop-web-[0-9a-f]{12}\.cdx\.json$/);
    const bom = JSON.parse(await readFile(await sbom.path(), 'utf8')) as {
      bomFormat: string;
      specVersion: string;
      metadata: { component: { name: string } };
      components: { purl?: string }[];
    };
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    expect(bom.metadata.component.name).toBe(`registry.demo.invalid/${name}`);
    expect(bom.components.map((component) => component.purl)).toContain(
      'pkg:deb/debian/nghttp2@1.52.0-1?distro=debian-12'
    );

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\r\n');
    expect(lines[0]).toBe(
      'vulnerability,severity,images,running workloads,fix available,known exploited since,ransomware,first seen'
    );
    expect(lines[1]?.split(',').slice(0, 7)).toEqual([
      'CVE-2023-44487',
      'high',
      String(detail.images),
      String(detail.workloads),
      'yes',
      '2023-10-10',
      'not known',
    ]);

    // The deep link alone brings back the view, its filters and the open CVE.
    const deep = page.url();
    const { page: fresh, errors: freshErrors } = await openPage(browser!, 390, 844);
    await signIn(fresh, demo!.url, token);
    await fresh.getByTestId('overall-score').waitFor();
    await fresh.goto(deep);
    await fresh.getByRole('heading', { name: 'CVE-2023-44487' }).waitFor();
    expect(await fresh.getByLabel('Search').inputValue()).toBe('nghttp2');
    expect(await fresh.getByRole('link', { name: 'By CVE' }).getAttribute('aria-current')).toBe(
      'page'
    );
    await expect
      .poll(() =>
        fresh
          .getByRole('table', { name: 'Running workloads with this vulnerability' })
          .locator('tbody tr')
          .count()
      )
      .toBe(detail.running.length);
    await fresh.screenshot({
      path: join(artifacts, 'vulnerability-detail-narrow.png'),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    expect(freshErrors).toEqual([]);
  });

  it('downloads an SBOM from the by-image rows', async () => {
    const { page, errors } = await openPage(browser!, 1280, 900);
    await signIn(page, demo!.url, token);
    await page.getByTestId('overall-score').waitFor();
    await page.goto(`${demo!.url}/vulnerabilities?state=open&severity=critical`);
    const first = page.getByRole('table', { name: 'Findings' }).locator('tbody tr').first();
    const [sbom] = await Promise.all([
      page.waitForEvent('download'),
      first.getByRole('button', { name: /^Download the SBOM of / }).click(),
    ]);
    const bom = JSON.parse(await readFile(await sbom.path(), 'utf8')) as { bomFormat: string };
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(sbom.suggestedFilename()).toMatch(/\.cdx\.json$/);
    expect(errors).toEqual([]);
  });
});
