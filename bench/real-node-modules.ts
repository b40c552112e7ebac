import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOnce } from '../test/harness/fixture-cache.js';
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
