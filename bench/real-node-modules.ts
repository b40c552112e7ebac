import { lstatSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildOnce } from '../test/harness/fixture-cache.js';
import type { TarEntry } from '../test/harness/oci-builder.js';
import { run } from '../test/harness/run.js';

/**
 * A real application's dependency tree: create-react-app's `react-scripts` 5.0.1 installed by
 * npm from the registry (about 1,300 packages, 350 MiB, 37,000 files), with its lock file,
 * fetched once per machine. Install scripts are not run.
 */
export async function reactScriptsTree(): Promise<string> {
  return buildOnce('bench-react-scripts', async (dir) => {
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'bench-app', version: '1.0.0', private: true })
    );
    await run(
      'npm',
      ['install', '--ignore-scripts', '--no-audit', '--no-fund', 'react-scripts@5.0.1'],
      { cwd: dir }
    );
  });
}

/** Every file and symlink under `root`, named `prefix/…` as a layer would hold them. */
export function treeEntries(root: string, prefix: string): TarEntry[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .sort()
    .flatMap((name): TarEntry[] => {
      const path = join(root, name);
      const entryName = `${prefix}/${relative(root, path)}`;
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) {
        return [{ name: entryName, type: 'symlink', linkname: readlinkSync(path) }];
      }
      return stat.isFile()
        ? [{ name: entryName, content: readFileSync(path), mode: stat.mode & 0o777 }]
        : [];
    });
}
