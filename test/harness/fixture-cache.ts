import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Built fixtures live here between runs; `.cache/` is ignored by git. */
export const fixtureRoot = resolve(import.meta.dirname, '..', '..', '.cache', 'test-fixtures');

const staleLockMs = 15 * 60 * 1000;

/**
 * Builds a fixture once per machine, even when several test files (in parallel workers)
 * ask at the same moment: one takes a directory lock and builds, the rest wait for the
 * marker. A build that died leaves no marker, so the next run starts it over.
 */
export async function buildOnce(
  name: string,
  build: (dir: string) => Promise<void>
): Promise<string> {
  const dir = join(fixtureRoot, name);
  const marker = join(fixtureRoot, `${name}.done`);
  const lock = join(fixtureRoot, `${name}.lock`);
  mkdirSync(fixtureRoot, { recursive: true });
  for (;;) {
    if (existsSync(marker)) {
      return dir;
    }
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() - statSync(lock).mtimeMs > staleLockMs) {
        rmSync(lock, { recursive: true, force: true });
      }
      await sleep(500);
      continue;
    }
    try {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      await build(dir);
      writeFileSync(marker, new Date().toISOString());
      return dir;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
