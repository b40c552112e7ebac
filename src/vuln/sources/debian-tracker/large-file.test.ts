import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../core/logger.js';
import { OsvRecord } from '../../osv/schema.js';
import type { SourceContext } from '../../source/types.js';
import { source } from './index.js';

const packageCount = 4400;
const issuesPerPackage = 20;

let root: string;
let path: string;
let context: SourceContext;

/** One issue as the tracker writes it, with a long description full of JSON's special bytes. */
function issueText(index: number, issue: number): string {
  const description = `Issue ${issue} in \\"pkg-${index}\\": {braces} [brackets] \\\\ é — `.repeat(
    4
  );
  return `"CVE-2024-${index * issuesPerPackage + issue}":{"description":"${description}","scope":"remote","releases":{"bookworm":{"status":"resolved","repositories":{"bookworm":"1:2.3-4"},"fixed_version":"1:2.3-${issue}","urgency":"low"},"bullseye":{"status":"open","repositories":{"bullseye":"1:2.2-1"},"urgency":"medium"},"sid":{"status":"resolved","repositories":{"sid":"1:2.4-1"},"fixed_version":"1:2.3-${issue}","urgency":"low"}}}`;
}

/** Writes the file a package at a time, the way the test reads it: never whole in memory. */
function writeLargeFile(target: string): void {
  const fd = openSync(target, 'w');
  try {
    writeSync(fd, '{');
    for (let index = 0; index < packageCount; index++) {
      const issues = Array.from({ length: issuesPerPackage }, (_, issue) =>
        issueText(index, issue)
      );
      writeSync(fd, `${index === 0 ? '' : ','}"pkg-${index}":{${issues.join(',')}}`);
    }
    writeSync(fd, '}');
  } finally {
    closeSync(fd);
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'palisade-debian-tracker-large-'));
  context = { logger: silentLogger, tempDir: root, timeoutMs: 5000 };
  path = join(root, 'large.json');
  writeLargeFile(path);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * That the reader never runs ahead of the package it hands out is shown, deterministically, in
 * package-scanner.test.ts; this checks the whole source end to end on a file of the real
 * one's order of size. Heap figures are not asserted: the garbage collector decides them.
 */
describe('debian-tracker source: a large file', () => {
  it('streams a generated 50 MB file into records, one package at a time', async () => {
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(50_000_000);

    let records = 0;
    let errors = 0;
    let last = '';
    for await (const item of source.read(path, context)) {
      if (item.kind === 'error') {
        errors++;
        continue;
      }
      records++;
      last = item.record.id;
      if (records % 10_000 === 1) {
        expect(OsvRecord.safeParse(item.record).success).toBe(true);
        expect(item.record.affected?.map((entry) => entry.package.ecosystem)).toEqual([
          'Debian:12',
          'Debian:11',
        ]);
      }
    }

    expect({ records, errors }).toEqual({ records: packageCount * issuesPerPackage, errors: 0 });
    expect(last).toBe(
      `DEBIAN-TRACKER-CVE-2024-${packageCount * issuesPerPackage - 1}:pkg-${packageCount - 1}`
    );
  });
});
