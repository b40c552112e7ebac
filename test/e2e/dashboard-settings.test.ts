/**
 * The dashboard's Settings page in Chromium against a real `palisade serve`: an admin creates a
 * reader token (its secret shown once) and revokes another, adds a registry (a URL the API
 * refuses first, its 400 naming the field), adds a cluster from a pasted kubeconfig and feeds
 * the audit-webhook URL the page shows with the token it shows, issues a new webhook token,
 * adds and tests a webhook channel, deletes a suppression rule; then the reader token sees the
 * same settings without the changes it may not make. Screenshots of every tab, light and dark.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from '../../src/platform/notify/test-support.js';
import { auditEvent } from '../harness/audit-events.js';
import {
  adminTokenFrom,
  apiClient,
  dashboardArtifacts as artifacts,
  launchBrowser,
  openPage,
  signIn,
} from '../harness/browser.js';
import { startKubeApiDouble, type KubeApiDouble } from '../harness/kube-api-double.js';
import { serveInProcess, type ServingPlatform } from '../harness/serve-in-process.js';

let work = '';
let cluster: KubeApiDouble | undefined;
let receiver: HttpReceiver | undefined;
let platform: ServingPlatform | undefined;
let browser: Browser | undefined;
let adminToken = '';
/** The reader token the admin creates through the page, for the second test. */
let readerToken = '';

const api = apiClient(
  () => platform?.url ?? '',
  () => adminToken
);

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'palisade-settings-'));
  cluster = await startKubeApiDouble({
    token: 'settings-kube-token-77ab',
    objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }],
  });
  receiver = await startHttpReceiver();
  platform = await serveInProcess(['--data-dir', join(work, 'data')], {
    PALISADE_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  });
  adminToken = adminTokenFrom(platform.said());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await receiver?.close();
  await cluster?.stop();
  await rm(work, { recursive: true, force: true });
});

async function openTab(page: Page, name: string, tab: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('link', { name })
    .click();
  expect(new URL(page.url()).searchParams.get('tab')).toBe(tab);
}

function postAudit(url: string, token: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'EventList',
      apiVersion: 'audit.k8s.io/v1',
      items: [auditEvent({ verb: 'get' })],
    }),
  });
}

describe('the Settings page', () => {
  it('lets an admin manage tokens, registries, clusters, channels and suppression rules', async () => {
    const { page, errors } = await openPage(browser!, 1280, 900);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, platform!.url, adminToken);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('(admin)');
    expect(new URL(page.url()).pathname).toBe('/settings');

    // Tokens: the one signed in with cannot be revoked from here; a new one is shown once.
    const tokens = page.getByRole('table', { name: 'API tokens' });
    await expect.poll(() => tokens.locator('tbody tr').count()).toBe(1);
    expect(await tokens.textContent()).toContain('active (signed in with it)');
    expect(await tokens.getByRole('button').count()).toBe(0);
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type('ci-reader');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.tagName')).toBe(
      'SELECT'
    );
    await page.getByLabel('Role', { exact: true }).selectOption('reader');
    await page.getByLabel('Role', { exact: true }).press('Tab');
    await page.keyboard.press('Enter');
    const secret = page.getByRole('textbox', { name: 'The token “ci-reader”' });
    await secret.waitFor();
    readerToken = await secret.inputValue();
    expect(readerToken).toMatch(/^pal_/);
    expect(await page.getByText('It will not be shown again.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(() => page.getByText('Copied.').count()).toBe(1);
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(readerToken);
    expect(page.url()).not.toContain(readerToken);
    await page.screenshot({ path: join(artifacts, 'settings-tokens.png'), fullPage: true });
    const listed = await api<{ items: { id: string; name: string; role: string }[] }>(
      '/api/v1/tokens'
    );
    expect(listed.items.find((token) => token.name === 'ci-reader')?.role).toBe('reader');
    await page.getByRole('button', { name: 'I have saved it' }).click();
    expect(await page.content()).not.toContain(readerToken);

    await api('/api/v1/tokens', { method: 'POST', body: { name: 'throwaway', role: 'operator' } });
    await openTab(page, 'Registries', 'registries');
    await openTab(page, 'API tokens', 'tokens');
    await page.getByRole('button', { name: 'Revoke throwaway' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('revoked');
    const afterRevoke = await api<{ items: { name: string; revokedAt?: string }[] }>(
      '/api/v1/tokens'
    );
    expect(afterRevoke.items.find((token) => token.name === 'throwaway')?.revokedAt).toBeDefined();

    // Registries: the API's refusal names the field; the password is never shown back.
    await openTab(page, 'Registries', 'registries');
    await page.getByLabel('Name', { exact: true }).fill('team');
    await page.getByLabel('URL', { exact: true }).fill('https://registry.example/team');
    await page.getByRole('button', { name: 'Add registry' }).click();
    const refusal = page.getByRole('alert');
    await expect.poll(() => refusal.textContent()).toContain('url: a registry URL is');
    expect(await page.getByLabel('URL', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(artifacts, 'settings-registry-refused.png') });
    await page.getByLabel('URL', { exact: true }).fill('127.0.0.1:9');
    await page.getByLabel('User name (optional)').fill('robot');
    await page.getByLabel('Password or token (optional)').fill('registry-password-4f1c');
    await page.getByRole('button', { name: 'Add registry' }).click();
    const registries = page.getByRole('table', { name: 'Registries' });
    await expect.poll(() => registries.locator('tbody tr').count()).toBe(1);
    expect(await registries.textContent()).toContain('robot (password stored)');
    await expect.poll(() => page.getByLabel('Password or token (optional)').inputValue()).toBe('');
    expect(await page.content()).not.toContain('registry-password-4f1c');
    await page.getByRole('button', { name: 'Scan team now' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('queued');
    const stored = await api<{ items: { name: string; url: string; hasSecret: boolean }[] }>(
      '/api/v1/registries'
    );
    expect(stored.items).toEqual([
      expect.objectContaining({ name: 'team', url: '127.0.0.1:9', hasSecret: true }),
    ]);
    await page.screenshot({ path: join(artifacts, 'settings-registries.png'), fullPage: true });

    // Clusters: the URL and token shown are the ones the webhook takes.
    await openTab(page, 'Clusters', 'clusters');
    await page.getByLabel('Name', { exact: true }).fill('staging');
    await page.getByLabel(/^Kubeconfig \(self-contained/).fill(cluster!.kubeconfig());
    await page.getByRole('button', { name: 'Add cluster' }).click();
    const webhookUrl = await page.getByTestId('webhook-url').textContent();
    const webhookToken = await page
      .getByRole('textbox', { name: 'The audit-webhook token of “staging”' })
      .inputValue();
    const clusters = await api<{ items: { id: string; name: string }[] }>('/api/v1/clusters');
    const staging = clusters.items.find((item) => item.name === 'staging')!;
    expect(webhookUrl).toBe(`${platform!.url}/api/v1/clusters/${staging.id}/audit`);
    expect(await page.getByLabel('Audit webhook kubeconfig').textContent()).toContain(
      `server: ${webhookUrl}`
    );
    const accepted = await postAudit(webhookUrl!, webhookToken);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ accepted: 1, dropped: 0 });
    expect(await page.getByRole('table', { name: 'Clusters' }).textContent()).toContain(
      'inline kubeconfig (sealed)'
    );
    await page.screenshot({ path: join(artifacts, 'settings-clusters.png'), fullPage: true });
    await page.getByRole('button', { name: 'I have saved it' }).click();

    await page.getByRole('button', { name: 'New webhook token for staging' }).click();
    await page.getByRole('button', { name: 'Yes, new webhook token' }).click();
    const rotated = await page
      .getByRole('textbox', { name: 'The audit-webhook token of “staging”' })
      .inputValue();
    expect(rotated).not.toBe(webhookToken);
    expect((await postAudit(webhookUrl!, webhookToken)).status).toBe(401);
    expect((await postAudit(webhookUrl!, rotated)).status).toBe(200);

    // Notification channels: added, tested against a real receiver, disabled.
    await openTab(page, 'Notifications', 'notifications');
    await page.getByLabel('Name', { exact: true }).fill('ops-hook');
    await page.getByLabel('Webhook URL').fill(`${receiver!.url}/palisade/hook-path-secret`);
    await page.getByLabel(/^Signing secret/).fill('hmac-signing-secret-1234');
    await page.getByLabel('Minimum severity').selectOption('high');
    await page.getByRole('button', { name: 'Add channel' }).click();
    const channels = page.getByRole('table', { name: 'Notification channels' });
    await expect.poll(() => channels.locator('tbody tr').count()).toBe(1);
    expect(await channels.textContent()).toContain(`${receiver!.url}/…`);
    expect(await page.content()).not.toContain('hook-path-secret');
    await page.getByRole('button', { name: 'Send a test to ops-hook' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Test message delivered');
    expect(receiver!.received.map((request) => request.url)).toEqual([
      '/palisade/hook-path-secret',
    ]);
    await page.getByLabel('ops-hook enabled').click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('disabled');
    const channel = await api<{ items: { name: string; enabled: boolean; minSeverity: string }[] }>(
      '/api/v1/notification-channels'
    );
    expect(channel.items).toEqual([
      expect.objectContaining({ name: 'ops-hook', enabled: false, minSeverity: 'high' }),
    ]);
    await page.screenshot({ path: join(artifacts, 'settings-notifications.png'), fullPage: true });

    // Suppression rules: listed with their expiry, deleted after confirming.
    await api('/api/v1/suppression-rules', {
      method: 'POST',
      body: {
        match: { rules: ['pod-exec'], users: ['alice'] },
        clusters: [staging.id],
        reason: 'smoke tests, OPS-7',
        expires: '2999-01-31',
      },
    });
    await openTab(page, 'Suppression rules', 'suppression');
    const rules = page.getByRole('table', { name: 'Suppression rules' });
    await expect.poll(() => rules.locator('tbody tr').count()).toBe(1);
    const row = await rules.locator('tbody tr').textContent();
    expect(row).toContain('rules: pod-exec; users: alice');
    expect(row).toContain('staging');
    expect(row).toContain('2999-01-31 00:00');
    await page.screenshot({ path: join(artifacts, 'settings-suppression.png'), fullPage: true });

    await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    await page.screenshot({
      path: join(artifacts, 'settings-suppression-dark.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Delete the rule “smoke tests, OPS-7”' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => page.getByText('No suppression rules.').count()).toBe(1);
    expect((await api<{ items: unknown[] }>('/api/v1/suppression-rules')).items).toEqual([]);
    await openTab(page, 'Clusters', 'clusters');
    await page.getByRole('table', { name: 'Clusters' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'settings-clusters-dark.png'), fullPage: true });

    // The refused registry URL is the browser reporting the API's 400, not the page failing.
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
    expect(errors.length).toBe(1);
  });

  it('shows a reader the settings without the changes its role may not make', async () => {
    expect(readerToken).toMatch(/^pal_/);
    const { page, errors } = await openPage(browser!, 390, 844);
    await signIn(page, platform!.url, readerToken);
    await page.getByTestId('overall-score').waitFor();
    await page.goto(`${platform!.url}/settings?tab=tokens`);
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain('(reader)');
    expect(await page.getByTestId('role-note').textContent()).toContain('needs the admin role');
    expect(await page.getByRole('button', { name: 'Create token' }).count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'settings-reader-tokens.png'), fullPage: true });

    await openTab(page, 'Registries', 'registries');
    const registries = page.getByRole('table', { name: 'Registries' });
    await expect.poll(() => registries.locator('tbody tr').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Add registry' }).count()).toBe(0);
    expect(await registries.getByRole('button').count()).toBe(0);
    const notes = await page.getByTestId('role-note').allTextContents();
    expect(notes.join(' ')).toContain('adding and scanning registries needs the operator role');
    await page.screenshot({
      path: join(artifacts, 'settings-reader-registries.png'),
      fullPage: true,
    });

    await openTab(page, 'Clusters', 'clusters');
    const clusters = page.getByRole('table', { name: 'Clusters' });
    await expect.poll(() => clusters.locator('tbody tr').count()).toBe(1);
    expect(await clusters.getByRole('button').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add cluster' }).count()).toBe(0);
    await page.screenshot({
      path: join(artifacts, 'settings-reader-clusters.png'),
      fullPage: true,
    });
    // The page is no wider than the screen: wide tables scroll inside their panel.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await openTab(page, 'Notifications', 'notifications');
    expect(await page.getByTestId('role-note').textContent()).toContain('needs the admin role');
    expect(await page.getByRole('button', { name: 'Add channel' }).count()).toBe(0);
    await openTab(page, 'Suppression rules', 'suppression');
    await page.getByText('No suppression rules.').waitFor();

    // The API agrees with what the page leaves out.
    const refused = await fetch(`${platform!.url}/api/v1/registries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${readerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', url: 'ghcr.io' }),
    });
    expect(refused.status).toBe(403);
    expect(errors).toEqual([]);
  });
});
