/**
 * What the dashboard's browser tests share: Debian's Chromium through playwright-core, pages
 * that record every console error, sign-in, and a small API client for seeding and for reading
 * the numbers a page must show. The bundle is built once per run by `test/global-setup.ts`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const chromiumPath = '/usr/bin/chromium';

/** Where screenshots go (gitignored; CI keeps them as artifacts). */
export const dashboardArtifacts = join(root, 'test-artifacts', 'dashboard');

export async function launchBrowser(): Promise<Browser> {
  await mkdir(dashboardArtifacts, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}

/** A fresh context's page that records every console error and uncaught exception. */
export async function openPage(
  browser: Browser,
  width = 1280,
  height = 900,
  colorScheme: 'light' | 'dark' = 'light'
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height },
    acceptDownloads: true,
    colorScheme,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The admin token `palisade serve` prints once on a fresh store. */
export function adminTokenFrom(said: string): string {
  const token = /admin API token \(shown once; it is stored hashed\): (\S+)/.exec(said)?.[1];
  if (token === undefined) {
    throw new Error(`serve printed no admin token: ${said}`);
  }
  return token;
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  token?: string;
}

/** A JSON client for one server and token; any answer but 2xx fails the test, naming the call. */
export function apiClient(
  url: () => string,
  token: () => string
): <T>(path: string, init?: ApiOptions) => Promise<T> {
  return async <T>(path: string, init: ApiOptions = {}): Promise<T> => {
    const response = await fetch(`${url()}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${init.token ?? token()}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    expect(response.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(300);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
}
