/**
 * The dashboard's Inventory page in Chromium against a real `palisade serve`: one seeded through
 * the API with a cluster behind the HTTPS API server double (nodes in an EKS managed node group
 * and a Karpenter pool, two workloads), and one started with `--demo` for registries, images and
 * their findings. The page's rows are the API's; search and filters narrow them and live in the
 * URL; a deep link restores them; a narrow screen keeps the page within the viewport; no console
 * errors. Screenshots go to test-artifacts/dashboard/.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAssessedPlatform, type AssessedPlatform } from '../harness/assessed-platform.js';
import {
  adminTokenFrom,
  apiClient,
  dashboardArtifacts as artifacts,
  launchBrowser,
  openPage as openBrowserPage,
  signIn as signInAt,
} from '../harness/browser.js';
import type { StoredObject } from '../harness/kube-api-double.js';
import { serveInProcess, type ServingPlatform } from '../harness/serve-in-process.js';

function node(name: string, cpu: string, labels: Record<string, string>): StoredObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    status: {
      capacity: { cpu },
      nodeInfo: {
        architecture: 'arm64',
        operatingSystem: 'linux',
        osImage: 'Amazon Linux 2023',
        kubeletVersion: 'v1.31.4-eks-aeac579',
      },
    },
  };
}

function deployment(namespace: string, name: string, image: string): StoredObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { template: { spec: { containers: [{ name, image }] } } },
  };
}

const managed = (zone: string) => ({
  'eks.amazonaws.com/nodegroup': 'general',
  'eks.amazonaws.com/capacityType': 'ON_DEMAND',
  'topology.kubernetes.io/zone': zone,
  'node.kubernetes.io/instance-type': 'm7g.xlarge',
});

let seeded: AssessedPlatform | undefined;
let work = '';
let platform: ServingPlatform | undefined;
let browser: Browser | undefined;
let adminToken = '';
let clusterId = '';

const api = apiClient(
  () => platform?.url ?? '',
  () => adminToken
);

beforeAll(async () => {
  seeded = await startAssessedPlatform({
    objects: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments' } },
      node('ip-10-0-1-10', '4', managed('eu-west-1a')),
      node('ip-10-0-2-11', '4', managed('eu-west-1b')),
      node('ip-10-0-3-12', '2', {
        'karpenter.sh/nodepool': 'spot-pool',
        'karpenter.sh/capacity-type': 'spot',
        'topology.kubernetes.io/zone': 'eu-west-1c',
      }),
      deployment('shop', 'web', 'nginx:1.27'),
      deployment('payments', 'ledger', 'registry.example/payments/ledger:3.2'),
    ],
  });
  ({ platform, adminToken, clusterId, work } = seeded);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await seeded?.stop();
});

function openPage(width = 1280, height = 900): Promise<{ page: Page; errors: string[] }> {
  return openBrowserPage(browser!, width, height);
}

function rowsOf(page: Page, table: string) {
  return page.getByRole('table', { name: table, exact: true }).locator('tbody tr');
}

async function rowNames(page: Page, table: string): Promise<string[]> {
  return rowsOf(page, table).locator('th[scope="row"]').allTextContents();
}

describe('the Inventory page in Chromium', () => {
  it('shows the API’s clusters and nodes; node-group filter and search narrow them, in the URL', async () => {
    const { page, errors } = await openPage();
    await signInAt(page, platform!.url, adminToken);
    await page.getByRole('link', { name: 'Inventory' }).click();
    const summary = await api<{
      accounts: { clusters: { name: string; nodes: number; workloads: number }[] }[];
    }>('/api/v1/inventory/summary');
    const [prod] = summary.accounts.flatMap((account) => account.clusters);
    expect(prod).toMatchObject({ name: 'prod-eu', nodes: 3, workloads: 2 });
    await expect.poll(() => rowNames(page, 'Clusters')).toEqual(['prod-eu']);
    const cells = await rowsOf(page, 'Clusters').nth(1).locator('td').allTextContents();
    expect(cells.slice(2, 5)).toEqual(['3', '10', '2']);
    await page.screenshot({ path: join(artifacts, 'inventory-clusters.png'), fullPage: true });

    await page.getByRole('link', { name: 'prod-eu', exact: true }).click();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('nodes');
    expect(new URL(page.url()).searchParams.get('cluster')).toBe(clusterId);
    const all = await api<{ items: { name: string }[] }>(`/api/v1/nodes?cluster=${clusterId}`);
    await expect.poll(() => rowNames(page, 'Nodes')).toEqual(all.items.map((n) => n.name));
    expect(await rowNames(page, 'Node groups')).toEqual(['general', 'spot-pool']);

    await page.getByRole('combobox', { name: /^Node group/ }).selectOption('general');
    expect(new URL(page.url()).searchParams.get('group')).toBe('general');
    const general = await api<{ items: { name: string }[] }>(
      `/api/v1/nodes?cluster=${clusterId}&nodeGroup=general`
    );
    expect(general.items).toHaveLength(2);
    await expect.poll(() => rowNames(page, 'Nodes')).toEqual(general.items.map((n) => n.name));
    await page.screenshot({ path: join(artifacts, 'inventory-node-group.png'), fullPage: true });

    await page.getByRole('combobox', { name: /^Node group/ }).selectOption('');
    await page.getByRole('searchbox', { name: 'Search' }).fill('eu-west-1c');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('eu-west-1c');
    await expect.poll(() => rowNames(page, 'Nodes')).toEqual(['ip-10-0-3-12']);
    expect(errors).toEqual([]);
  });

  it('restores workloads from a deep link, and the kind filter narrows them', async () => {
    const { page, errors } = await openPage();
    await signInAt(page, platform!.url, adminToken);
    await page.getByRole('link', { name: 'Inventory' }).waitFor();
    await page.goto(`${platform!.url}/inventory?tab=workloads&q=ledger`);
    expect(await page.getByRole('tab', { name: 'Workloads' }).getAttribute('aria-selected')).toBe(
      'true'
    );
    await expect
      .poll(() => page.getByRole('searchbox', { name: 'Search' }).inputValue())
      .toBe('ledger');
    const found = await api<{ items: { name: string }[] }>('/api/v1/workloads?search=ledger');
    expect(found.items.map((w) => w.name)).toEqual(['ledger']);
    await expect.poll(() => rowNames(page, 'Workloads')).toEqual(['ledger']);

    await page.goto(`${platform!.url}/inventory?tab=workloads`);
    const every = await api<{ items: { name: string }[] }>('/api/v1/workloads');
    await expect.poll(() => rowNames(page, 'Workloads')).toEqual(every.items.map((w) => w.name));
    await page.getByRole('button', { name: 'shop' }).click();
    expect(new URL(page.url()).searchParams.get('namespace')).toBe('shop');
    await expect.poll(() => rowNames(page, 'Workloads')).toEqual(['web']);
    await page.getByLabel('Kind').selectOption('DaemonSet');
    expect(new URL(page.url()).searchParams.get('kind')).toBe('DaemonSet');
    await expect.poll(() => page.getByText('No workloads match.').isVisible()).toBe(true);
    await page.screenshot({ path: join(artifacts, 'inventory-workloads.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('keeps within a narrow screen', async () => {
    const { page, errors } = await openPage(390, 844);
    await signInAt(page, platform!.url, adminToken);
    await page.getByRole('link', { name: 'Inventory' }).waitFor();
    await page.goto(`${platform!.url}/inventory?tab=nodes&cluster=${clusterId}`);
    await expect.poll(() => rowsOf(page, 'Nodes').count()).toBe(3);
    const wide = await page.evaluate(`[...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 391 && !e.closest('.table-wrap'))
      .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`);
    expect(wide).toEqual([]);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(artifacts, 'inventory-narrow.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('walks the demo’s accounts, node groups, images and their findings', async () => {
    const demo = await serveInProcess(['--demo', '--data-dir', join(work, 'demo')]);
    try {
      const token = adminTokenFrom(demo.said());
      const demoApi = apiClient(
        () => demo.url,
        () => token
      );
      const { page, errors } = await openPage();
      await signInAt(page, demo.url, token);
      await page.getByRole('link', { name: 'Inventory' }).click();
      await expect.poll(() => rowNames(page, 'Clusters')).toEqual(['demo-prod', 'demo-staging']);
      expect(await page.getByRole('rowheader', { name: 'Account 111122223333' }).count()).toBe(1);
      await page.screenshot({ path: join(artifacts, 'inventory-demo.png'), fullPage: true });

      await page.getByRole('tab', { name: 'Nodes' }).click();
      const groups = await demoApi<{ items: { nodeGroup?: string }[] }>('/api/v1/node-groups');
      await expect
        .poll(() => rowNames(page, 'Node groups'))
        .toEqual(groups.items.map((group) => group.nodeGroup ?? 'no group'));
      await page.getByRole('button', { name: 'batch-spot' }).click();
      await expect.poll(() => rowsOf(page, 'Nodes').count()).toBe(2);
      await page.screenshot({ path: join(artifacts, 'inventory-demo-nodes.png'), fullPage: true });

      // The node group's cluster stays chosen across the tabs.
      await page.getByRole('tab', { name: 'Workloads' }).click();
      const prodId = new URL(page.url()).searchParams.get('cluster');
      expect(prodId).toEqual(expect.any(String));
      const workloads = await demoApi<{
        items: { name: string; findings: { critical: number } }[];
      }>(`/api/v1/workloads?cluster=${prodId}&limit=50`);
      expect(workloads.items).toHaveLength(4);
      await expect.poll(() => rowsOf(page, 'Workloads').count()).toBe(workloads.items.length);
      expect(workloads.items.some((w) => w.findings.critical > 0)).toBe(true);

      await page.getByRole('tab', { name: 'Registries & images' }).click();
      await page.getByLabel('Registry').selectOption({ label: 'demo-registry' });
      await expect.poll(() => rowsOf(page, 'Repositories').count()).toBeGreaterThan(0);
      await page.getByRole('searchbox', { name: 'Search' }).fill('web');
      await page.getByRole('button', { name: 'Search' }).click();
      const images = await demoApi<{ items: { id: string; repository: string }[] }>(
        '/api/v1/images?search=web'
      );
      expect(images.items.length).toBeGreaterThan(0);
      await expect.poll(() => rowsOf(page, 'Images').count()).toBe(images.items.length);
      await page.screenshot({ path: join(artifacts, 'inventory-demo-images.png'), fullPage: true });

      const [image] = images.items;
      await rowsOf(page, 'Images').first().getByRole('link').click();
      expect(new URL(page.url()).pathname).toBe('/vulnerabilities');
      expect(new URL(page.url()).searchParams.get('image')).toBe(image!.id);
      const findings = await demoApi<{ items: unknown[] }>(
        `/api/v1/findings?image=${image!.id}&state=open&limit=100`
      );
      await expect.poll(() => rowsOf(page, 'Findings').count()).toBe(findings.items.length);
      expect(errors).toEqual([]);
    } finally {
      expect(await demo.stop()).toBe(0);
    }
  });
});
