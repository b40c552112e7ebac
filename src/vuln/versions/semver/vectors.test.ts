import { describe, expect, it } from 'vitest';
import {
  expectedSign,
  readVectors,
  vectorsAvailable,
} from '../../../../test/harness/version-vectors.js';
import { scheme } from './index.js';

const signs: Record<number, string> = { [-1]: '<', 0: '=', 1: '>' };

/** Every vector that does not hold, both ways round, as `file:line: text (what we said)`. */
function failingVectors(file: string): { total: number; failures: string[] } {
  const vectors = readVectors(file);
  const failures: string[] = [];
  for (const { line, a, op, b } of vectors) {
    const where = `${file}:${line}: ${a} ${op} ${b}`;
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
  return { total: vectors.length, failures };
}

describe.skipIf(!vectorsAvailable)(
  'semver against the osv-scalibr vectors (read from ../shared/data/version-vectors, absent elsewhere)',
  () => {
    it.each(['semver-versions.txt'])(
      'orders every vector of %s as stated, and the reverse oppositely',
      (file) => {
        const { total, failures } = failingVectors(file);
        expect(total).toBeGreaterThan(0);
        expect(
          failures,
          `${failures.length} of ${total} vectors fail:\n${failures.slice(0, 50).join('\n')}`
        ).toEqual([]);
      }
    );
  }
);
