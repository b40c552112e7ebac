import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The checkout's root, found from here whether running from test/ or from dist/test/. */
function projectRoot(): string {
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
      };
      if (manifest.name === 'palisade') {
        return dir;
      }
    } catch {
      // keep climbing
    }
  }
  throw new Error('cannot find the palisade checkout above the test harness');
}

/** Built fixtures live here between runs; `.cache/` is ignored by git. */
export const fixtureRoot = join(projectRoot(), '.cache', 'test-fixtures');

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
