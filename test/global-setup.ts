import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs once before all test files. Heavy fixtures every file shares are built here. */
export async function setup(): Promise<void> {
  // The dashboard bundle, built once for every browser test (3 s), so a lone vitest run never
  // tests a stale bundle and no two test files write dist/web at once.
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
