/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core against
 * `palisade serve` on its embedded defaults, seeded through the API with a cluster (the HTTPS
 * API server double) and an audit batch. Sign-in refuses a wrong token and takes the right one;
 * the overview's numbers are the API's; deep links load the page while unknown API paths stay
 * JSON 404s; no page logs a console error. Screenshots go to test-artifacts/dashboard/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssessedPlatform, type AssessedPlatform } from '../harness/assessed-platform.js';
import { auditEvent, createEvent, podObject } from '../harness/audit-events.js';
import {
  adminTokenFrom,
  apiClient,
  dashboardArtifacts as artifacts,
  launchBrowser,
  openPage as openBrowserPage,
  signIn as signInAt,
} from '../harness/browser.js';
import { eventually, serveInProcess, type ServingPlatform } from '../harness/serve-in-process.js';

let seeded: AssessedPlatform | undefined;
let work = '';
let platform: ServingPlatform | undefined;
let browser: Browser | undefined;
let adminToken = '';

const api = apiClient(
  () => platform?.url ?? '',
  () => adminToken
);

beforeAll(async () => {
  seeded = await startAssessedPlatform({
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'ip-10-0-0-9' },
        status: { capacity: { cpu: '8' } },
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
  ({ platform, adminToken, work } = seeded);
  const created = seeded;
  await api(created.auditWebhook.path, {
    method: 'POST',
    token: created.auditWebhook.token,
    body: {
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [
        createEvent(
          'pods',
          podObject('debug', 'default', {}, { securityContext: { privileged: true } })
        ),
        auditEvent({
          verb: 'create',
          stage: 'ResponseStarted',
          objectRef: {
            resource: 'pods',
            subresource: 'exec',
            namespace: 'kube-system',
            name: 'aws-node-1',
            apiVersion: 'v1',
          },
          requestURI: '/api/v1/namespaces/kube-system/pods/aws-node-1/exec?command=sh',
          responseStatus: { code: 101 },
        }),
      ],
    },
  });
  await eventually(async () => {
    const alerts = await api<{ items: unknown[] }>('/api/v1/alerts');
    return alerts.items.length >= 2 ? true : undefined;
  }, 'the alerts');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await seeded?.stop();
});

function openPage(width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  return openBrowserPage(browser!, width, height);
}

async function signIn(page: Page, token: string): Promise<void> {
  await signInAt(page, platform!.url, token);
}

describe('the dashboard in Chromium', () => {
  it('refuses a wrong token, signs in, and shows the API’s numbers on the overview', async () => {
    const { page, errors } = await openPage(1280, 900);
    await signIn(page, 'pal_not-a-real-token');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    await page.screenshot({ path: join(artifacts, 'sign-in-refused.png') });

    await signIn(page, adminToken);
    const score = await api<{ overall: { score: number }; clusters: unknown[] }>('/api/v1/score');
    const open = await api<{ items: { severity: string }[] }>(
      '/api/v1/alerts?status=new,in_progress&limit=500'
    );
    await expect
      .poll(() => page.getByTestId('overall-score').textContent())
      .toBe(String(score.overall.score));
    expect(await page.getByTestId('open-alerts').textContent()).toBe(String(open.items.length));
    expect(await page.getByTestId('clusters').textContent()).toBe(String(score.clusters.length));
    expect(await page.getByTestId('vcores').textContent()).toBe('8');
    const medium = open.items.filter((alert) => alert.severity === 'medium').length;
    expect(await page.getByTestId('alerts-medium').textContent()).toBe(`medium: ${medium}`);
    await expect
      .poll(() => page.getByRole('cell', { name: 'posture:pss-privileged' }).count())
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'overview-light.png'), fullPage: true });

    await page.getByRole('button', { name: /Switch to the dark theme/ }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.screenshot({ path: join(artifacts, 'overview-dark.png'), fullPage: true });
    // The refused sign-in's 401 is the browser reporting the answer, not the page failing.
    expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
  });

  it('filters the alert queue by a deep link, opens an alert, dismisses it, and the score rises', async () => {
    const { page, errors } = await openPage(1280, 900);
    await signIn(page, adminToken);
    await page.getByTestId('overall-score').waitFor();
    const before = await api<{ overall: { score: number } }>('/api/v1/score');
    const open = await api<{ items: { id: string; severity: string; alert: { title: string } }[] }>(
      '/api/v1/alerts?status=new,in_progress'
    );
    // One that weighs on the score: informational alerts take no points.
    const target = open.items.find((alert) => ['medium', 'low'].includes(alert.severity))!;

    await page.goto(`${platform!.url}/alerts?status=new,in_progress&severity=${target.severity}`);
    const rows = page.getByRole('table', { name: 'Alerts' }).locator('tbody tr');
    await expect
      .poll(() => rows.count())
      .toBe(open.items.filter((alert) => alert.severity === target.severity).length);
    await page.getByRole('link', { name: target.alert.title }).first().click();
    expect(new URL(page.url()).searchParams.get('open')).toBe(target.id);
    await expect.poll(() => page.getByTestId('alert-status').textContent()).toBe('new');
    const evidence = await api<{ techniques: { id: string; name?: string }[] }>(
      `/api/v1/alerts/${encodeURIComponent(target.id)}`
    );
    expect(evidence.techniques.length).toBeGreaterThan(0);
    for (const technique of evidence.techniques) {
      expect(technique.name).toBeDefined();
      await page.getByText(`${technique.id} ${technique.name}`).waitFor();
    }

    const raw = await api<{ items: { auditId: string }[] }>(
      `/api/v1/alerts/${encodeURIComponent(target.id)}/events`
    );
    expect(raw.items.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('raw-event').count()).toBe(raw.items.length);
    await page.getByTestId('raw-event').first().locator('summary').click();
    await page.getByText(`"auditID": "${raw.items[0]!.auditId}"`).waitFor();

    await page.getByLabel('Assign to').fill('alice');
    await page.getByRole('button', { name: 'Assign' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('Alert assigned to alice.');
    await expect.poll(() => page.getByTestId('alert-assignee').textContent()).toBe('alice');
    expect(
      (await api<{ assignee?: string }>(`/api/v1/alerts/${encodeURIComponent(target.id)}`)).assignee
    ).toBe('alice');
    await page.screenshot({ path: join(artifacts, 'alert-detail.png'), fullPage: true });

    const dismiss = page.getByRole('button', { name: 'Dismiss' });
    expect(await dismiss.isDisabled()).toBe(true);
    await page.getByLabel(/Reason/).fill('known debugging session, ticket OPS-12');
    await dismiss.click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Alert marked dismissed.');
    const stored = await api<{ status: string; dismissReason: string }>(
      `/api/v1/alerts/${encodeURIComponent(target.id)}`
    );
    expect(stored).toMatchObject({
      status: 'dismissed',
      dismissReason: 'known debugging session, ticket OPS-12',
    });
    const after = await api<{ overall: { score: number } }>('/api/v1/score');
    expect(after.overall.score).toBeGreaterThan(before.overall.score);
    await page.getByRole('link', { name: 'Overview' }).click();
    await expect
      .poll(() => page.getByTestId('overall-score').textContent())
      .toBe(String(after.overall.score));
    expect(errors).toEqual([]);
  });

  it('shows a populated dashboard from palisade serve --demo, with no cluster anywhere', async () => {
    const demo = await serveInProcess(['--demo', '--data-dir', join(work, 'demo')]);
    try {
      expect(demo.said()).toContain('demo data seeded: 2 clusters, 10 alerts, 5 images');
      const token = adminTokenFrom(demo.said());
      const { page, errors } = await openPage(1280, 900);
      await page.goto(demo.url);
      await page.getByLabel('API token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByTestId('clusters').textContent()).toBe('2');
      expect(await page.getByTestId('vcores').textContent()).toBe('28');
      await expect.poll(() => page.getByTestId('vulnerable-image').count()).toBe(4);
      // The demo's month of score history and its alerts, as the API counts them.
      const demoApi = apiClient(
        () => demo.url,
        () => token
      );
      const history = await demoApi<{ points: { score: number }[] }>(
        '/api/v1/score/history?days=30'
      );
      const now = await demoApi<{ overall: { score: number } }>('/api/v1/score');
      expect(history.points.length).toBeGreaterThanOrEqual(30);
      const change = Math.round((now.overall.score - history.points[0]!.score) * 10) / 10;
      expect(change).toBeGreaterThan(0);
      expect(await page.getByTestId('score-change').textContent()).toMatch(
        new RegExp(`^\\+${change} points since \\d{4}-\\d{2}-\\d{2}$`)
      );
      const trend = await demoApi<{ days: { counts: Record<string, number> }[] }>(
        '/api/v1/alerts/trend?days=30'
      );
      const newAlerts = trend.days
        .flatMap((day) => Object.values(day.counts))
        .reduce((a, b) => a + b, 0);
      expect(newAlerts).toBe(10);
      expect(await page.getByTestId('alerts-30-days').textContent()).toBe('10 new in 30 days');
      expect(await page.getByTestId('account-score').textContent()).toBe(
        String(
          (await demoApi<{ accounts: { score: number }[] }>('/api/v1/score')).accounts[0]?.score
        )
      );
      await page.screenshot({ path: join(artifacts, 'demo-overview.png'), fullPage: true });
      await page.getByRole('link', { name: 'Vulnerabilities' }).click();
      const findings = page.getByRole('table', { name: 'Findings' }).locator('tbody tr');
      await expect.poll(() => findings.count()).toBe(10);
      await page.getByLabel('Severity').selectOption('critical');
      expect(new URL(page.url()).searchParams.get('severity')).toBe('critical');
      await expect.poll(() => findings.count()).toBe(3);
      await page.screenshot({ path: join(artifacts, 'demo-vulnerabilities.png'), fullPage: true });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const csv = await readFile(await download.path(), 'utf8');
      const lines = csv.trim().split('\r\n');
      expect(lines[0]).toBe(
        'vulnerability,severity,package,version,fixed in,image,state,first seen'
      );
      expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual([
        'critical',
        'critical',
        'critical',
      ]);

      await page.getByRole('link', { name: 'Alerts' }).click();
      await expect
        .poll(() => page.getByRole('table', { name: 'Alerts' }).locator('tbody tr').count())
        .toBe(10);
      await page.screenshot({ path: join(artifacts, 'demo-alerts.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      expect(await demo.stop()).toBe(0);
    }
  });

  it('shows every page of the navigation from --demo, wide and narrow, light and dark, without a console error', async () => {
    const demo = await serveInProcess(['--demo', '--data-dir', join(work, 'tour')]);
    try {
      const token = adminTokenFrom(demo.said());
      const views = [
        { name: 'wide', width: 1280, height: 900, scheme: 'light' },
        { name: 'dark', width: 1280, height: 900, scheme: 'dark' },
        { name: 'narrow', width: 390, height: 844, scheme: 'light' },
      ] as const;
      for (const view of views) {
        const { page, errors } = await openBrowserPage(
          browser!,
          view.width,
          view.height,
          view.scheme
        );
        await signInAt(page, demo.url, token);
        await page.getByTestId('overall-score').waitFor();
        const links = page.getByRole('navigation', { name: 'Pages' }).getByRole('link');
        const labels = await links.allTextContents();
        expect(labels).toEqual([
          'Overview',
          'Inventory',
          'Vulnerabilities',
          'Recommendations',
          'Alerts',
          'Settings',
        ]);
        for (const label of labels) {
          await links.getByText(label, { exact: true }).click();
          await expect.poll(() => page.locator('main h1').first().isVisible()).toBe(true);
          await page.waitForLoadState('networkidle');
          await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
          expect(
            await page.locator('main [role="alert"]').count(),
            `${label}: an error shown`
          ).toBe(0);
          const overflow = await page.evaluate(
            'document.documentElement.scrollWidth - window.innerWidth'
          );
          expect(overflow, `${label} is wider than the ${view.name} screen`).toBeLessThanOrEqual(0);
          await page.screenshot({
            path: join(artifacts, `tour-${label.toLowerCase()}-${view.name}.png`),
            fullPage: true,
          });
        }
        expect(errors, `console errors, ${view.name}`).toEqual([]);
        expect(await page.locator('html').getAttribute('data-theme')).toBe(view.scheme);
        await page.context().close();
      }
    } finally {
      expect(await demo.stop()).toBe(0);
    }
  });

  it('works on a narrow screen and from the keyboard, and loads deep links', async () => {
    const { page, errors } = await openPage(390, 844);
    await page.goto(platform!.url);
    await page.getByLabel('API token').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe(
      'token'
    );
    await page.keyboard.type(adminToken);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('overall-score').isVisible()).toBe(true);
    await page.screenshot({ path: join(artifacts, 'overview-narrow.png'), fullPage: true });

    const deep = await page.goto(`${platform!.url}/alerts?severity=high`);
    expect(deep?.status()).toBe(200);
    expect(deep?.headers()['content-security-policy']).toContain("default-src 'self'");
    const unknown = await fetch(`${platform!.url}/api/v1/no-such-thing`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect(errors).toEqual([]);
  });
});
