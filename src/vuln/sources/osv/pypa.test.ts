import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { source } from './index.js';

/** A checkout of github.com/pypa/advisory-database, beside the repository, not inside it. */
const pypaDir = fileURLToPath(
  new URL('../../../../../shared/data/advisories/pypa-osv', import.meta.url)
);
const sharedDataAvailable = existsSync(pypaDir);

function countYamlFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    name.endsWith('.yaml')
  ).length;
}

describe.skipIf(!sharedDataAvailable)(
  'osv source on the PyPA advisory database (read from ../shared/data/advisories/pypa-osv, absent elsewhere)',
  () => {
    it('yields one valid record for every YAML file and no error item', async () => {
      const vulns = join(pypaDir, 'vulns');
      const expected = countYamlFiles(vulns);
      const errors: string[] = [];
      const ids = new Set<string>();
      let records = 0;

      for await (const item of source.read(vulns, {
        logger: silentLogger,
        tempDir: tmpdir(),
        timeoutMs: 1000,
      })) {
        if (item.kind === 'error') {
          errors.push(`${item.origin}: ${item.message}`);
        } else {
          records += 1;
          ids.add(item.record.id);
          expect(item.origin).toMatch(/^[^/]+\/[^/]+\.yaml$/);
        }
      }

      expect(errors, `${errors.length} error items:\n${errors.slice(0, 20).join('\n')}`).toEqual(
        []
      );
      expect(expected).toBeGreaterThan(2000);
      expect(records).toBe(expected);
      expect(ids.size, 'every file holds a different advisory').toBe(expected);
    });
  }
);
