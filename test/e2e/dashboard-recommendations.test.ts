/**
 * The Recommendations page in Chromium against `palisade serve`, seeded with a cluster (the
 * HTTPS API server double) whose pod is privileged: the failing control, its failing resource
 * and remediation are shown; exempting the resource through the page raises the secure score
 * (the API's and the overview's); an exemption form refuses to save without a reason and shows
 * the API's refusal of a past expiry; removing the exemption brings the score back. No console
 * errors but that 400. Screenshots go to test-artifacts/dashboard/.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssessedPlatform, type AssessedPlatform } from '../harness/assessed-platform.js';
import {
  apiClient,
  dashboardArtifacts as artifacts,
  launchBrowser,
  openPage,
  signIn,
} from '../harness/browser.js';
import type { ServingPlatform } from '../harness/serve-in-process.js';

let seeded: AssessedPlatform | undefined;
let platform: ServingPlatform | undefined;
let browser: Browser | undefined;
let adminToken = '';
let clusterId = '';

const api = apiClient(
  () => platform?.url ?? '',
  () => adminToken
);

interface Score {
  overall: { score: number };
  clusters: { controls: { id: string; unhealthy: number; exempted?: number }[] }[];
}

beforeAll(async () => {
  seeded = await startAssessedPlatform({
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'ip-10-0-0-7' },
        status: { capacity: { cpu: '4' } },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { privileged: true } }],
        },
      },
    ],
  });
  ({ platform, adminToken, clusterId } = seeded);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await seeded?.stop();
});

const privilegedControl = (score: Score) =>
  score.clusters[0]?.controls.find((control) => control.id === 'posture:pss-privileged');

describe('the Recommendations page in Chromium', () => {
  it('shows the failing control with its resource and remediation, exempts it, and the score rises', async () => {
    const { page, errors } = await openPage(browser!, 1280, 900);
    await signIn(page, platform!.url, adminToken);
    await page.getByTestId('overall-score').waitFor();
    const before = await api<Score>('/api/v1/score');
    expect(privilegedControl(before)).toMatchObject({ unhealthy: 1 });

    await page.getByRole('link', { name: 'Recommendations' }).click();
    await page.getByLabel('Framework').selectOption('pss-baseline');
    expect(new URL(page.url()).searchParams.get('framework')).toBe('pss-baseline');
    const controls = page.getByRole('table', {
      name: 'Controls of Pod Security Standards: baseline',
    });
    const row = controls
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'privileged', exact: true }) });
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toBe('failing');
    await expect
      .poll(() => page.getByTestId('page-secure-score').textContent())
      .toBe(String(before.overall.score));
    await row.getByRole('link', { name: 'privileged', exact: true }).click();
    expect(new URL(page.url()).searchParams.get('control')).toBe('privileged');

    const failing = page.getByRole('table', { name: 'Failing resources of pss-privileged' });
    const web = failing.getByRole('row').filter({ hasText: 'Pod / shop / web' });
    await expect.poll(() => web.count()).toBe(1);
    expect(await web.textContent()).toContain('securityContext.privileged is true');
    expect(await web.textContent()).toContain('prod-eu');
    expect(await page.getByTestId('remediation-pss-privileged').textContent()).toContain(
      'Remove securityContext.privileged'
    );
    await page.screenshot({ path: join(artifacts, 'recommendations-light.png'), fullPage: true });

    await web.getByRole('button', { name: 'Exempt Pod / shop / web' }).click();
    const form = page.getByRole('form', { name: 'Exempt Pod / shop / web on prod-eu' });
    const save = form.getByRole('button', { name: 'Save exemption' });
    // No reason, no exemption.
    expect(await save.isDisabled()).toBe(true);
    await form.getByLabel('Reason category').selectOption('risk_accepted');
    await form
      .getByLabel('Reason', { exact: true })
      .fill('load balancer health checks need it; ticket SEC-42');
    expect(await save.isDisabled()).toBe(false);
    // A date in the past: the API's refusal is shown as it says it.
    await form.getByLabel('Expires on (optional)').fill('2001-01-01');
    await save.click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toContain('expiresAt: must be in the future');
    expect((await api<{ items: unknown[] }>('/api/v1/exemptions')).items).toEqual([]);

    await form.getByLabel('Expires on (optional)').fill('2999-12-31');
    await save.click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Exempted Pod / shop / web on prod-eu.');
    await expect
      .poll(() => web.getByTestId('exemption').textContent())
      .toContain('load balancer health checks need it; ticket SEC-42 (until 2999-12-31)');
    const stored = await api<{
      items: { resource: string; category: string; clusterId: string }[];
    }>('/api/v1/exemptions');
    expect(stored.items).toEqual([
      expect.objectContaining({ resource: 'Pod/shop/web', category: 'risk_accepted', clusterId }),
    ]);

    const after = await api<Score>('/api/v1/score');
    expect(privilegedControl(after)).toMatchObject({ unhealthy: 0, exempted: 1 });
    expect(after.overall.score).toBeGreaterThan(before.overall.score);
    await expect
      .poll(() => page.getByTestId('page-secure-score').textContent())
      .toBe(String(after.overall.score));
    await expect.poll(() => row.getByRole('cell').nth(4).textContent()).toBe('1');
    await page.screenshot({
      path: join(artifacts, 'recommendations-exempted.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: /Switch to the dark theme/ }).click();
    await page.screenshot({ path: join(artifacts, 'recommendations-dark.png'), fullPage: true });

    await page.getByRole('link', { name: 'Overview' }).click();
    await expect
      .poll(() => page.getByTestId('overall-score').textContent())
      .toBe(String(after.overall.score));

    // A deep link opens the control again; removing the exemption brings the score back.
    await page.goto(`${platform!.url}/recommendations?framework=pss-baseline&control=privileged`);
    await failing.getByRole('button', { name: 'Remove the exemption of Pod / shop / web' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Removed the exemption of Pod / shop / web.');
    await expect
      .poll(() => web.getByRole('button', { name: 'Exempt Pod / shop / web' }).count())
      .toBe(1);
    expect((await api<Score>('/api/v1/score')).overall.score).toBe(before.overall.score);

    // The refused expiry's 400 is the browser reporting the answer, not the page failing.
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
  });

  it('keeps its filters in the URL and works on a narrow screen', async () => {
    const { page, errors } = await openPage(browser!, 390, 844);
    await signIn(page, platform!.url, adminToken);
    await page.getByTestId('overall-score').waitFor();
    await page.goto(
      `${platform!.url}/recommendations?framework=cis-eks-1.8.0&cluster=${clusterId}&status=failing`
    );
    // The cluster's option exists once the clusters are read; until then the select shows all.
    await expect.poll(() => page.getByLabel('Cluster').inputValue()).toBe(clusterId);
    expect(await page.getByLabel('Control status').inputValue()).toBe('failing');
    const rows = page
      .getByRole('table', { name: 'Controls of CIS Amazon EKS Benchmark 1.8.0' })
      .locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const statuses = await rows.locator('td:nth-child(2)').allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['failing']));
    await page.screenshot({ path: join(artifacts, 'recommendations-narrow.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
