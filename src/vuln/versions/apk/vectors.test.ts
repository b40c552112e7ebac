import { describe, expect, it } from 'vitest';
import {
  expectedSign,
  readVectors,
  vectorsAvailable,
} from '../../../../test/harness/version-vectors.js';
import { InvalidVersionError } from '../../version/types.js';
import { scheme } from './index.js';

const signs: Record<number, string> = { [-1]: '<', 0: '=', 1: '>' };

function throwsInvalid(a: string, b: string): boolean {
  try {
    scheme.compare(a, b);
    return false;
  } catch (error) {
    return error instanceof InvalidVersionError;
  }
}

/**
 * Checks every vector. One that pairs a malformed version (`1.2_blah`, `.1`, `1-ruff`) is not
 * ordered: this scheme refuses malformed versions (readme.md, "Malformed versions"), so it
 * must throw InvalidVersionError both ways round, and it is counted apart.
 */
function checkVectors(file: string): { total: number; refused: string[]; failures: string[] } {
  const vectors = readVectors(file);
  const refused: string[] = [];
  const failures: string[] = [];
  for (const { line, a, op, b } of vectors) {
    const where = `${file}:${line}: ${a} ${op} ${b}`;
    if (!scheme.isValid(a) || !scheme.isValid(b)) {
      refused.push(where);
      if (!throwsInvalid(a, b) || !throwsInvalid(b, a)) {
        failures.push(`${where} (malformed, yet compare did not throw InvalidVersionError)`);
      }
      continue;
    }
    try {
      const forward = Math.sign(scheme.compare(a, b));
      const backward = Math.sign(scheme.compare(b, a));
      if (forward !== expectedSign(op)) {
        failures.push(`${where} (we say ${signs[forward] ?? '?'})`);
      } else if (backward !== -forward) {
        failures.push(`${where} (not antisymmetric: reversed we say ${signs[backward] ?? '?'})`);
      }
    } catch (error) {
      failures.push(`${where} (threw: ${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return { total: vectors.length, refused, failures };
}

describe.skipIf(!vectorsAvailable)(
  'apk against the osv-scalibr vectors (read from ../shared/data/version-vectors, absent elsewhere)',
  () => {
    // The hand-written file probes what apk and osv-scalibr do with malformed versions; the
    // generated one holds real Alpine versions from OSV, every one of which must be read.
    it.each([
      ['alpine-versions.txt', 32],
      ['alpine-versions-generated.txt', 0],
    ])(
      'orders every well-formed vector of %s as stated, and refuses the %i others',
      (file, malformed) => {
        const { total, refused, failures } = checkVectors(file);
        expect(total).toBeGreaterThan(0);
        expect(
          failures,
          `${failures.length} of ${total} vectors fail:\n${failures.slice(0, 50).join('\n')}`
        ).toEqual([]);
        expect(
          refused.length,
          `vectors with a malformed version:\n${refused.slice(0, 50).join('\n')}`
        ).toBe(malformed);
      }
    );
  }
);
